import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type TS from 'typescript';
import { ts } from './typescript.js';
import { parseAllDocuments } from 'yaml';
import { firstLine } from './errors.js';
import { isRegularFile, MAX_CONFIG_BYTES, readRegularFile } from './files.js';
import type { ScopeFilter } from './ignores.js';
import { ProcessReader, type ProcessGroup } from './processes.js';
import type { Deployment, DeploymentFile, Kind, Platform } from './report.js';

/** How deep below the audited root deployment files are looked for (`deploy/k8s/base/deployment.yaml`). */
const MAX_DEPTH = 4;
/** Folders never searched: dependencies, build output. Hidden folders are skipped too (`.github` workflows are not deployments). */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor']);
/** Kubernetes objects that run pods, and the autoscalers that size them. */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DeploymentConfig']);
const COMPOSE_FILES = new Set(['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml']);
const SAM_FUNCTIONS = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** Platforms where each request may be served by another instance that keeps its own module state. */
const SERVERLESS: ReadonlySet<Platform> = new Set(['aws-lambda', 'vercel', 'netlify', 'cloudflare-workers']);
/** When several platforms are found, the verdict speaks of the most specific: serverless, then an orchestrator with counts, then a bare container. */
const PRIORITY: readonly Platform[] = ['aws-lambda', 'cloudflare-workers', 'vercel', 'netlify', 'kubernetes', 'helm', 'render', 'app-engine', 'fly', 'compose', 'pm2', 'procfile', 'container'];

type Store = 'keyed' | 'counter' | 'files' | 'database' | 'schedule' | 'realtime' | 'queue';

/** The kinds of state each platform's own stores replace. */
const STORE_OF_KIND: Partial<Record<Kind, Store>> = {
  counter: 'counter',
  'rate-limit': 'counter',
  lock: 'counter',
  flag: 'keyed',
  cache: 'keyed',
  'keyed-map': 'keyed',
  collection: 'keyed',
  object: 'keyed',
  value: 'keyed',
  session: 'keyed',
  loader: 'keyed',
  global: 'keyed',
  env: 'keyed',
  instance: 'keyed',
  file: 'files',
  upload: 'files',
  'local-db': 'database',
  timer: 'schedule',
  scheduler: 'schedule',
  pubsub: 'realtime',
  realtime: 'realtime',
  queue: 'queue',
};

/** The platform's own services for each need, from each platform's product documentation. */
const PLATFORM_STORES: Partial<Record<Platform, Partial<Record<Store, string>>>> = {
  'aws-lambda': {
    keyed: 'On AWS Lambda: DynamoDB (with a TTL attribute) or ElastiCache.',
    counter: 'On AWS Lambda: an atomic DynamoDB update (`UpdateItem` with `ADD`) or ElastiCache `INCR`.',
    files: 'On AWS Lambda: S3; `/tmp` belongs to one instance.',
    database: 'On AWS Lambda: DynamoDB or Aurora Serverless; a local database file belongs to one instance.',
    schedule: 'On AWS Lambda: EventBridge Scheduler; timers do not run while an instance is frozen.',
    realtime: 'On AWS Lambda: API Gateway WebSocket APIs with connection ids in DynamoDB, or IoT Core.',
    queue: 'On AWS Lambda: SQS.',
  },
  'cloudflare-workers': {
    keyed: 'On Cloudflare Workers: Workers KV (eventually consistent) or a Durable Object.',
    counter: 'On Cloudflare Workers: a Durable Object, the one place a count is consistent.',
    files: 'On Cloudflare Workers: R2.',
    database: 'On Cloudflare Workers: D1, or storage in a Durable Object.',
    schedule: 'On Cloudflare Workers: Cron Triggers (a `scheduled` handler).',
    realtime: 'On Cloudflare Workers: a Durable Object that holds the WebSockets.',
    queue: 'On Cloudflare Workers: Queues.',
  },
  vercel: {
    keyed: 'On Vercel: Redis from the Marketplace (Upstash), or Edge Config for values read far more than written.',
    counter: 'On Vercel: Redis `INCR` from the Marketplace (Upstash).',
    files: 'On Vercel: Vercel Blob.',
    database: 'On Vercel: Postgres from the Marketplace (Neon, Supabase).',
    schedule: 'On Vercel: Cron Jobs (`crons` in vercel.json).',
  },
  netlify: {
    keyed: 'On Netlify: Netlify Blobs, or Redis.',
    files: 'On Netlify: Netlify Blobs.',
    schedule: 'On Netlify: Scheduled Functions.',
  },
  fly: {
    keyed: 'On Fly.io: Upstash Redis for Fly, or Fly Postgres.',
    counter: 'On Fly.io: Upstash Redis for Fly (`INCR`).',
    files: 'On Fly.io: Tigris object storage; a volume belongs to one Machine.',
    database: 'On Fly.io: Fly Postgres, or LiteFS to replicate SQLite.',
  },
  render: {
    keyed: 'On Render: Render Key Value (Redis-compatible) or Render Postgres.',
    counter: 'On Render: Render Key Value (`INCR`).',
    files: 'On Render: object storage; a persistent disk belongs to one instance.',
    schedule: 'On Render: a Cron Job service.',
  },
  'app-engine': {
    keyed: 'On App Engine: Memorystore for Redis or Firestore.',
    files: 'On App Engine: Cloud Storage.',
    schedule: 'On App Engine: the Cron Service (`cron.yaml`).',
  },
};

/** The platform's own alternative for a kind of state, when it has one. */
export function platformAlternative(platform: Platform | null, kind: Kind): string | undefined {
  if (platform === null) return undefined;
  const store = STORE_OF_KIND[kind];
  return store === undefined ? undefined : PLATFORM_STORES[platform]?.[store];
}

type Json = unknown;

function record(value: Json): Record<string, Json> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, Json>) : undefined;
}

function count(value: Json): number | undefined {
  const number = typeof value === 'string' && /^\d+$/u.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

function most(values: readonly (number | undefined)[]): number | null {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? null : Math.max(...known);
}

interface Found {
  readonly platform: Platform;
  readonly replicas: number | null;
  readonly note: string;
}

/** What a parsed manifest says, or nothing when it is not a deployment file after all. */
type Reader = (documents: readonly Json[], file: string) => Found[];

function kubernetes(documents: readonly Json[]): Found[] {
  const found: Found[] = [];
  for (const document of documents) {
    const object = record(document);
    const kind = object?.kind;
    const spec = record(object?.spec);
    const metadataName = record(object?.metadata)?.name;
    const name = typeof metadataName === 'string' ? metadataName : '';
    if (typeof kind !== 'string' || typeof object?.apiVersion !== 'string') continue;
    if (WORKLOADS.has(kind)) {
      const replicas = count(spec?.replicas) ?? 1;
      found.push({ platform: 'kubernetes', replicas, note: `${kind} ${name}: ${String(replicas)} replica${replicas === 1 ? '' : 's'}` });
    } else if (kind === 'HorizontalPodAutoscaler') {
      const max = count(spec?.maxReplicas);
      const min = count(spec?.minReplicas) ?? 1;
      found.push({ platform: 'kubernetes', replicas: max ?? null, note: `HorizontalPodAutoscaler ${name}: ${String(min)} to ${max === undefined ? '?' : String(max)} replicas` });
    } else if (kind === 'ScaledObject') {
      // KEDA's default maximum is 100.
      const max = count(spec?.maxReplicaCount) ?? 100;
      found.push({ platform: 'kubernetes', replicas: max, note: `KEDA ScaledObject ${name}: up to ${String(max)} replicas` });
    }
  }
  return found;
}

function helmValues(documents: readonly Json[]): Found[] {
  const values = record(documents[0]);
  if (!values) return [];
  const autoscaling = record(values.autoscaling);
  if (autoscaling?.enabled === true) {
    const max = count(autoscaling.maxReplicas);
    return [{ platform: 'helm', replicas: max ?? null, note: `autoscaling up to ${max === undefined ? '?' : String(max)} replicas` }];
  }
  const replicas = count(values.replicaCount) ?? count(values.replicas);
  return replicas === undefined ? [] : [{ platform: 'helm', replicas, note: `replicaCount ${String(replicas)}` }];
}

function compose(documents: readonly Json[]): Found[] {
  const services = record(record(documents[0])?.services);
  if (!services) return [];
  const counts = Object.values(services).map((service) => count(record(record(service)?.deploy)?.replicas) ?? 1);
  const replicas = most(counts) ?? 1;
  return [{ platform: 'compose', replicas, note: `${String(Object.keys(services).length)} services, up to ${String(replicas)} replica${replicas === 1 ? '' : 's'} each` }];
}

function render(documents: readonly Json[]): Found[] {
  const services = record(documents[0])?.services;
  if (!Array.isArray(services)) return [];
  const counts = services.map((service) => {
    const entry = record(service);
    return count(record(entry?.scaling)?.maxInstances) ?? count(entry?.numInstances) ?? 1;
  });
  const replicas = most(counts) ?? 1;
  return [{ platform: 'render', replicas, note: `${String(services.length)} services, up to ${String(replicas)} instance${replicas === 1 ? '' : 's'}` }];
}

function appEngine(documents: readonly Json[]): Found[] {
  const app = record(documents[0]);
  if (typeof app?.runtime !== 'string') return [];
  const manual = count(record(app.manual_scaling)?.instances);
  if (manual !== undefined) return [{ platform: 'app-engine', replicas: manual, note: `manual scaling, ${String(manual)} instances` }];
  const max = count(record(app.basic_scaling)?.max_instances) ?? count(record(app.automatic_scaling)?.max_instances);
  return [{ platform: 'app-engine', replicas: max ?? null, note: max === undefined ? 'automatic scaling, no upper bound set' : `scaling up to ${String(max)} instances` }];
}

function serverlessFramework(documents: readonly Json[]): Found[] {
  const config = record(documents[0]);
  const provider = record(config?.provider)?.name ?? config?.provider;
  const functions = Object.keys(record(config?.functions) ?? {}).length;
  if (provider !== 'aws') return [];
  return [{ platform: 'aws-lambda', replicas: null, note: `Serverless Framework, ${String(functions)} function${functions === 1 ? '' : 's'}` }];
}

function sam(documents: readonly Json[]): Found[] {
  const template = record(documents[0]);
  const resources = Object.values(record(template?.Resources) ?? {}).filter((resource) => SAM_FUNCTIONS.has(String(record(resource)?.Type)));
  if (resources.length === 0) return [];
  return [{ platform: 'aws-lambda', replicas: null, note: `CloudFormation/SAM template, ${String(resources.length)} function${resources.length === 1 ? '' : 's'}` }];
}

function fly(documents: readonly Json[]): Found[] {
  const config = record(documents[0]);
  const service = record(config?.http_service);
  const minimum = count(service?.min_machines_running);
  // `fly deploy` creates two Machines per process group with services, for availability.
  const replicas = Math.max(2, minimum ?? 0);
  return [{ platform: 'fly', replicas, note: `${String(replicas)} Machines (fly deploy starts two for an app with services)` }];
}

/** PM2's process files: `ecosystem.config.js`, `pm2.json`, `pm2.production.json`, `process.yml`. */
const PM2_FILE = /^(?:ecosystem|pm2|process)(?:\.[\w-]+)*\.(?:json|ya?ml|c?js|mjs)$/u;

/**
 * A PM2 process file: `apps[].instances` (1 when absent; `'max'`, 0 and -1 follow the machine's
 * cores, a count the file does not give). Apps without a `script` make it some other file.
 */
function pm2(documents: readonly Json[]): Found[] {
  const config = documents[0];
  const list = Array.isArray(config) ? config : (record(config)?.apps ?? (record(config)?.script === undefined ? undefined : [config]));
  const apps = (Array.isArray(list) ? list : []).map(record).filter((app) => typeof app?.script === 'string');
  if (apps.length === 0) return [];
  const perCore = apps.some((app) => ['max', 0, -1, '0', '-1'].includes(app?.instances as string | number));
  // An app without `instances` runs once; one whose count is computed (`process.env.WEB_CONCURRENCY`) says no count.
  const counts = apps.map((app) => (app !== undefined && 'instances' in app ? count(app.instances) : 1));
  const replicas = perCore || counts.includes(undefined) ? null : (most(counts) ?? 1);
  const detail = perCore ? 'as many instances as the machine has cores' : replicas === null ? 'a computed number of instances' : `up to ${String(replicas)} instance${replicas === 1 ? '' : 's'} each`;
  return [{ platform: 'pm2', replicas, note: `${String(apps.length)} app${apps.length === 1 ? '' : 's'}, ${detail}` }];
}

/**
 * The value of a JavaScript process file, read from its syntax, never run: what `module.exports =`
 * or `export default` gives (directly or through a top-level `const`), with literals kept and
 * anything computed left out.
 */
function scriptExport(text: string): Json {
  const file = ts.createSourceFile('process.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const constants = new Map<string, TS.Expression>();
  let exported: TS.Expression | undefined;
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) constants.set(declaration.name.text, declaration.initializer);
      }
    } else if (ts.isExportAssignment(statement)) {
      exported = statement.expression;
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = statement.expression.left;
      if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports') exported = statement.expression.right;
    }
  }
  const value = (node: TS.Expression, depth: number): Json => {
    let expression = node;
    while (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) expression = expression.expression;
    if (ts.isIdentifier(expression)) {
      const constant = constants.get(expression.text);
      return constant && depth < 4 ? value(constant, depth + 1) : undefined;
    }
    if (ts.isStringLiteralLike(expression)) return expression.text;
    if (ts.isNumericLiteral(expression)) return Number(expression.text);
    if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expression.operand)) return -Number(expression.operand.text);
    if (expression.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (expression.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isArrayLiteralExpression(expression)) return expression.elements.map((element) => value(element, depth));
    if (ts.isObjectLiteralExpression(expression)) {
      const result: Record<string, Json> = {};
      for (const property of expression.properties) {
        // `{ apps }`: the top-level constant of that name.
        if (ts.isShorthandPropertyAssignment(property)) {
          result[property.name.text] = value(property.name, depth);
          continue;
        }
        if (!ts.isPropertyAssignment(property)) continue;
        const name = ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name) ? property.name.text : undefined;
        if (name !== undefined) result[name] = value(property.initializer, depth);
      }
      return result;
    }
    return undefined;
  };
  return exported ? value(exported, 0) : undefined;
}

const READERS: readonly { readonly matches: (name: string, dir: string) => boolean; readonly format: Format; readonly read: Reader }[] = [
  { matches: (name) => COMPOSE_FILES.has(name), format: 'yaml', read: compose },
  { matches: (name) => name === 'render.yaml' || name === 'render.yml', format: 'yaml', read: render },
  { matches: (name) => name === 'app.yaml' || name === 'app.yml', format: 'yaml', read: appEngine },
  { matches: (name) => name === 'serverless.yml' || name === 'serverless.yaml', format: 'yaml', read: serverlessFramework },
  { matches: (name) => name === 'template.yaml' || name === 'template.yml', format: 'yaml', read: sam },
  { matches: (name) => name === 'values.yaml' || name === 'values.yml', format: 'yaml', read: helmValues },
  { matches: (name) => name === 'fly.toml', format: 'toml', read: fly },
  { matches: (name) => name === 'netlify.toml', format: 'toml', read: () => [{ platform: 'netlify', replicas: null, note: 'Netlify site with functions' }] },
  { matches: (name) => name === 'wrangler.toml', format: 'toml', read: () => [{ platform: 'cloudflare-workers', replicas: null, note: 'Worker' }] },
  { matches: (name) => name === 'wrangler.json' || name === 'wrangler.jsonc', format: 'jsonc', read: () => [{ platform: 'cloudflare-workers', replicas: null, note: 'Worker' }] },
  { matches: (name) => name === 'vercel.json', format: 'jsonc', read: () => [{ platform: 'vercel', replicas: null, note: 'Vercel project' }] },
  { matches: isDockerfile, format: 'text', read: () => [{ platform: 'container', replicas: null, note: 'container image; the orchestrator decides how many run' }] },
  { matches: (name) => name === 'Procfile', format: 'text', read: procfile },
  { matches: (name) => PM2_FILE.test(name) && name.endsWith('.json'), format: 'jsonc', read: pm2 },
  { matches: (name) => PM2_FILE.test(name) && /\.ya?ml$/u.test(name), format: 'yaml', read: pm2 },
  { matches: (name) => PM2_FILE.test(name), format: 'script', read: pm2 },
];

function isDockerfile(name: string): boolean {
  return name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.');
}

function procfile(documents: readonly Json[]): Found[] {
  const text = typeof documents[0] === 'string' ? documents[0] : '';
  const web = /^web\s*:/mu.test(text);
  return web ? [{ platform: 'procfile', replicas: null, note: 'a `web` process; its count is set by scaling (dynos)' }] : [];
}

/** A Kubernetes manifest says what it is in its first lines; other YAML files are left unparsed. */
const KUBERNETES_HINT = /^kind:\s*(?:Deployment|StatefulSet|ReplicaSet|DeploymentConfig|HorizontalPodAutoscaler|ScaledObject)\s*$/mu;

class ParseError extends Error {}

/** How a deployment file is read: YAML, TOML, JSON with comments, text, or a JavaScript file's exported literal. */
type Format = 'yaml' | 'toml' | 'jsonc' | 'text' | 'script';

function parseManifest(text: string, format: Format): Json[] {
  switch (format) {
    case 'text':
      return [text];
    case 'script':
      return [scriptExport(text)];
    case 'toml':
      try {
        return [parseToml(text)];
      } catch (error) {
        throw new ParseError(firstLine(error));
      }
    case 'jsonc': {
      const result = ts.parseConfigFileTextToJson('file.json', text);
      if (result.error) throw new ParseError(ts.flattenDiagnosticMessageText(result.error.messageText, ' '));
      return [result.config as Json];
    }
    case 'yaml': {
      // Unknown tags (CloudFormation's `!Ref`, `!Sub`) are warnings, and their values are kept.
      const documents = parseAllDocuments(text);
      const list = Array.isArray(documents) ? documents : [];
      for (const document of list) {
        const error = document.errors[0];
        if (error) {
          const message = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/u, '');
          throw new ParseError(`${message}${error.linePos ? ` (line ${String(error.linePos[0].line)})` : ''}`);
        }
      }
      return list.map((document) => document.toJS({ maxAliasCount: 100 }) as Json);
    }
  }
}

/** The deployment files under `root`, up to four folders deep, skipping dependencies, build output, hidden folders, Helm templates and what the user ignores. */
function candidates(root: string, filter: ScopeFilter): { file: string; dir: string; name: string }[] {
  const found: { file: string; dir: string; name: string }[] = [];
  const visit = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const chart = entries.some((entry) => entry.name === 'Chart.yaml' || entry.name === 'Chart.yml');
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // A chart's templates are Go templates, not YAML.
        if (depth < MAX_DEPTH && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !(chart && entry.name === 'templates') && filter.reason(full, true) === undefined) visit(full, depth + 1);
      } else if (entry.isFile() && filter.reason(full, false) === undefined) {
        // A values file is Helm's only beside a Chart.yaml.
        if ((entry.name === 'values.yaml' || entry.name === 'values.yml') && !chart) continue;
        found.push({ file: full, dir, name: entry.name });
      }
    }
  };
  visit(root, 0);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The folder below the root that is a package of its own (has a `package.json`) and holds `dir`; undefined when there is none. */
function ownPackage(root: string, dir: string): string | undefined {
  for (let current = dir; current !== root && current.startsWith(root + path.sep); current = path.dirname(current)) {
    if (isRegularFile(path.join(current, 'package.json'), MAX_CONFIG_BYTES)) return current;
  }
  return undefined;
}

/**
 * Reads how the service is deployed from the files that say it: Kubernetes manifests (workload
 * replicas, HorizontalPodAutoscaler and KEDA maximums), Helm values, Docker Compose, `fly.toml`,
 * `render.yaml`, App Engine's `app.yaml`, `serverless.yml` and SAM templates, `vercel.json`,
 * `netlify.toml`, `wrangler.toml`, PM2 process files, a `Dockerfile` or a `Procfile`. Files are parsed as data,
 * never run; one that does not parse is a warning. `replicas` (`--replicas`) overrides the count.
 * A file inside another package of the folder (a `frontend/` with its own `package.json` and its
 * own `vercel.json`) deploys that package: it is left out unless one of `serverSources` (the
 * audited files that serve requests or that they import, absolute; else `sources`, every file
 * audited) lies in that package. `sources` name the processes a container starts.
 */
export function detectDeployment(root: string, filter: ScopeFilter, replicas: number | null, sources?: readonly string[], serverSources?: readonly string[]): Deployment {
  const owners = serverSources !== undefined && serverSources.length > 0 ? serverSources : sources;
  const files: DeploymentFile[] = [];
  const warnings: { file: string; message: string }[] = [];
  const processes: ProcessGroup[] = [];
  let processReader: ProcessReader | undefined;
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const packages = new Map<string, boolean>();
  const deploysOther = (dir: string): boolean => {
    if (owners === undefined) return false;
    const pkg = ownPackage(root, dir);
    if (pkg === undefined) return false;
    let other = packages.get(pkg);
    if (other === undefined) {
      other = !owners.some((source) => source.startsWith(pkg + path.sep));
      packages.set(pkg, other);
    }
    return other;
  };
  for (const candidate of candidates(root, filter)) {
    if (deploysOther(candidate.dir)) continue;
    const reader = READERS.find((entry) => entry.matches(candidate.name, candidate.dir));
    const yaml = /\.ya?ml$/u.test(candidate.name);
    if (!reader && !yaml) continue;
    const read = readRegularFile(candidate.file, { root, maxBytes: MAX_CONFIG_BYTES });
    if (!read.ok) continue;
    if (!reader && !KUBERNETES_HINT.test(read.text)) continue;
    let documents: Json[];
    try {
      documents = parseManifest(read.text, reader?.format ?? 'yaml');
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      warnings.push({ file: relative(candidate.file), message: `does not parse: ${error.message}` });
      continue;
    }
    if (reader?.format === 'text' && isDockerfile(candidate.name)) {
      processReader ??= new ProcessReader(root, new Set(sources ?? []));
      const group = processReader.dockerfile(candidate.file, read.text);
      if (group) processes.push(group);
    }
    let found = reader ? reader.read(documents, candidate.file) : kubernetes(documents);
    // An `app.yaml` or `values.yaml` that is not what its name usually means may still be a Kubernetes manifest.
    if (found.length === 0 && reader?.format === 'yaml' && KUBERNETES_HINT.test(read.text)) found = kubernetes(documents);
    for (const entry of found) files.push({ file: relative(candidate.file), ...entry });
  }
  const byPriority = [...files].sort((a, b) => PRIORITY.indexOf(a.platform) - PRIORITY.indexOf(b.platform));
  const chosen = byPriority[0];
  const platform = chosen?.platform ?? null;
  const counted = files.filter((entry) => entry.platform === platform && entry.replicas !== null);
  const largest = counted.reduce<DeploymentFile | undefined>((best, entry) => (best === undefined || (entry.replicas ?? 0) > (best.replicas ?? 0) ? entry : best), undefined);
  return {
    platform,
    platformSource: chosen?.file ?? null,
    replicas: replicas ?? largest?.replicas ?? null,
    replicasSource: replicas !== null ? '--replicas' : (largest?.file ?? null),
    serverless: platform !== null && SERVERLESS.has(platform),
    files,
    warnings,
    ...(processes.length > 0 ? { processes } : {}),
  };
}
