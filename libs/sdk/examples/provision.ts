// Provisions an environment against the running stack through the SDK, prints it, then releases it.
//   bash tools/scripts/stack.sh up --detach
//   node -r @swc-node/register libs/sdk/examples/provision.ts [applicationId] [endpointId] [--keep]
// The apps' addresses default to the local stack; override with TAILOR_PROVISIONER_URL, TAILOR_INGEST_URL,
// TAILOR_PREDICTOR_URL and TAILOR_FACTORY_URL.
import { createTailorClient, LOCAL_STACK, TailorApiError } from '../src';

async function main(): Promise<void> {
  const [applicationId = 'demo', endpointId = 'GET /users/:id'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const tailor = createTailorClient({
    provisionerUrl: process.env.TAILOR_PROVISIONER_URL ?? LOCAL_STACK.provisionerUrl,
    ingestUrl: process.env.TAILOR_INGEST_URL ?? LOCAL_STACK.ingestUrl,
    predictorUrl: process.env.TAILOR_PREDICTOR_URL ?? LOCAL_STACK.predictorUrl,
    factoryUrl: process.env.TAILOR_FACTORY_URL ?? LOCAL_STACK.factoryUrl,
    correlationId: `sdk-example-${Date.now()}`,
  });

  const environment = await tailor.provision({ applicationId, endpointId });
  console.log(JSON.stringify(environment, null, 2));
  console.log(`\n${environment.path} in ${environment.timings?.totalMs} ms; the runtime answers on ${environment.endpoint?.url}`);

  if (!process.argv.includes('--keep')) {
    const released = await tailor.release(environment.id);
    console.log(`released ${released.id}: ${released.state}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof TailorApiError) console.error(`Tailor answered ${error.status} ${error.code}: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
