import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';
import { median } from '../stats';
import type { Built, BuiltFunction } from './b5Build';
import type { InitTimes } from './b5Init';

const kb = (bytes: number) => f(bytes / 1024);
const names = (list: readonly BuiltFunction[]) => list.map((fn) => fn.name).join(', ');

function sizeNotes(m: (key: string) => number, built: Built): string[] {
  const queries = built.functions.filter((fn) => fn.kind === 'query');
  const withKafka = queries.filter((fn) => fn.parts.some((part) => part.name === 'kafkajs'));
  const without = queries.filter((fn) => !withKafka.includes(fn) && fn.name !== 'health');
  const largestQuery = queries.reduce((a, b) => (b.zipBytes > a.zipBytes ? b : a));
  const part = (fn: string, group: string) => f(m(`part.${fn}.${group}`));
  return [
    `Every zip is within its kind's limit (infra/aws/bundleLimits.ts): queries ${f(m('size.query'))} KB at most (limit 150), projections ${f(m('size.projection'))} (250), commands ${f(m('size.command'))} (400), reactors ${f(m('size.reactor'))} and the scheduled recovery ${f(m('size.scheduled'))} (400, as commands). ` +
      `The query limit is the tight one: ${largestQuery.name} is ${kb(largestQuery.zipBytes)} KB, ${kb(largestQuery.limit - largestQuery.zipBytes)} KB under it. ` +
      `${withKafka.length} of ${queries.length} queries (${names(withKafka)}) bundle kafkajs because they answer from the log (past states and event history: functions/platform/history.ts → lib/kafka/kafkaConnection.ts); ${names(without)} do not (${without.map((fn) => kb(fn.zipBytes)).join(' and ')} KB).`,
    `What a zip holds (restockInventory, ${f(m('zip.restockInventory'))} KB zipped): a ${f(m('bundle.restockInventory'))} KB minified bundle — kafkajs ${part('restockInventory', 'kafkajs')} KB, zod ${part('restockInventory', 'zod')} KB, this repository's code ${part('restockInventory', 'own')} KB, nothing else — and its source map. ` +
      "No MSK IAM signer library any more: lib/kafka/mskIamToken.ts signs the token with the SigV4 signer and credential chain of the runtime's SDK, which every bundle leaves external with the rest of `@aws-sdk/*` and `@smithy/*`.",
    `The maps keep only the mappings of our code and no sources (infra/aws/ownSourceMaps.ts): ${kb(Math.max(...built.functions.map((fn) => fn.mapBytes)))} KB at most unzipped, against bundles of up to ${kb(Math.max(...built.functions.map((fn) => fn.bundleBytes)))} KB. ` +
      `The composition comes from an esbuild metafile build with serverless.yml's options; its bundle is byte for byte the zip's for ${built.functions.filter((fn) => fn.sameAsZip).length} of ${built.functions.length} functions.`,
  ];
}

/** The function bundling helps least, by the medians of all its samples. */
function slowest(times: InitTimes, built: Built): { name: string; kb: number } {
  const ratio = (name: string) => median(times.get(name)!.unbundled) / median(times.get(name)!.deployed);
  const fn = built.functions.reduce((a, b) => (ratio(b.name) < ratio(a.name) ? b : a));
  return { name: fn.name, kb: fn.bundleBytes / 1024 };
}

function initNotes(m: (key: string) => number, least: { name: string; kb: number }): string[] {
  const sdk = m('init.deployed') - m('init.own');
  return [
    `Init of the zipped bundles, median over functions: ${f(m('init.deployed'))} ms (queries ${f(m('init.query'))}, projections ${f(m('init.projection'))}, commands ${f(m('init.command'))}, reactors ${f(m('init.reactor'))}). ` +
      `Loading the runtime's SDK is ${f(m('init.sdkShare'))} % of it: with the SDK modules each bundle requires preloaded, the rest takes ${f(m('init.own'))} ms (about ${f(sdk)} ms less). ` +
      'That share is the price of leaving the SDK to the runtime; bundling it back would put it into every zip and break the limits.',
    `Unbundled (every source transpiled alone, packages from node_modules) the same functions take ${f(m('init.unbundled'))} ms: bundling is ${f(m('init.ratio'))}× faster (least for ${least.name}, ${f(m('init.minRatio'))}×: a ${f(least.kb)} KB bundle with nothing to gain). The 2× target compares against a layout nobody deploys; ` +
      'what separates the two is our code and kafkajs/zod loaded as one file instead of hundreds, since both load the same SDK.',
    `The machine is shared (1-minute load average ${f(m('load'))} at the end of the run): the samples of each function are spread over rounds through all functions and the medians taken, so a burst of other work lands on all of them alike; absolute times are this machine's. ` +
      'Lambda gives a 512 MB function a fraction of a vCPU (a whole one at 1,769 MB) and loads the SDK from its own image, so these milliseconds are not its INIT duration: compare functions and variants within a run.',
    `No bundle connects at import: in the spawned process net.Socket.connect and dns.lookup were watched during the require and 300 ms after, with the template's MSK cluster ARN and IAM auth set (${f(m('connects'))} functions attempted a connection).`,
  ];
}

/** What makes the zips the size they are and their start as slow as it is, in this run's numbers. */
export function b5Notes(metrics: readonly Metric[], built: Built, times: InitTimes): string[] {
  const m = (key: string) => medianOf(metrics, key);
  return [...sizeNotes(m, built), ...initNotes(m, slowest(times, built))];
}
