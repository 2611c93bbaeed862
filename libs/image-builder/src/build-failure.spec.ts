import { BuildFailureReason, npmFailure } from './build-failure';

describe(npmFailure.name, () => {
  it('should make a missing package a permanent failure naming it', () => {
    const failure = npmFailure(
      "npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope-zz - Not found\nnpm error 404  'nope-zz@1.0.0' is not in this registry.\n",
    );
    expect(failure.reason).toBe(BuildFailureReason.PackageNotFound);
    expect(failure.permanent).toBe(true);
    expect(failure.message).toContain('nope-zz@1.0.0');
  });

  it('should make a missing version a permanent failure', () => {
    const failure = npmFailure('npm error code ETARGET\nnpm error notarget No matching version found for ms@9.9.9.\n');
    expect(failure.reason).toBe(BuildFailureReason.VersionNotFound);
    expect(failure.permanent).toBe(true);
  });

  it('should make a network error transient, so that the queue retries it', () => {
    const failure = npmFailure('npm error code ECONNRESET\nnpm error network aborted\n');
    expect(failure.reason).toBe(BuildFailureReason.Transient);
    expect(failure.permanent).toBe(false);
  });
});
