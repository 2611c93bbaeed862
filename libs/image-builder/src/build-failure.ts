/** Why a build failed. Permanent reasons are recorded and answered from; transient ones are retried by the queue. */
export enum BuildFailureReason {
  PackageNotFound = 'PACKAGE_NOT_FOUND',
  VersionNotFound = 'VERSION_NOT_FOUND',
  Unresolvable = 'UNRESOLVABLE_DEPENDENCIES',
  DataNotFound = 'DATA_NOT_FOUND',
  BuildError = 'BUILD_ERROR',
  Transient = 'TRANSIENT',
}

const PERMANENT: ReadonlySet<BuildFailureReason> = new Set([
  BuildFailureReason.PackageNotFound,
  BuildFailureReason.VersionNotFound,
  BuildFailureReason.Unresolvable,
  BuildFailureReason.DataNotFound,
  BuildFailureReason.BuildError,
]);

export class BuildFailure extends Error {
  constructor(
    readonly reason: BuildFailureReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = BuildFailure.name;
  }

  get permanent(): boolean {
    return PERMANENT.has(this.reason);
  }
}

const NPM_CODE = /npm (?:error|ERR!) code (\S+)/;

/** npm's error code in its stderr, turned into a failure reason: a missing package or version is never worth a retry. */
export function npmFailure(stderr: string): BuildFailure {
  const code = NPM_CODE.exec(stderr)?.[1] ?? 'UNKNOWN';
  const detail = stderr
    .split('\n')
    .filter((line) => /npm (error|ERR!)/.test(line) && !/complete log|A complete log|^npm error\s*$/.test(line))
    .slice(0, 4)
    .join(' ')
    .replace(/\s+/g, ' ')
    .slice(0, 500);
  switch (code) {
    case 'E404':
      return new BuildFailure(BuildFailureReason.PackageNotFound, detail);
    case 'ETARGET':
      return new BuildFailure(BuildFailureReason.VersionNotFound, detail);
    case 'EINVALIDTAGNAME':
    case 'EINVALIDPACKAGENAME':
    case 'ERESOLVE':
    case 'EUNSUPPORTEDPROTOCOL':
    case 'E401':
    case 'E403':
      return new BuildFailure(BuildFailureReason.Unresolvable, detail);
    default:
      return new BuildFailure(BuildFailureReason.Transient, `npm ${code}: ${detail}`);
  }
}
