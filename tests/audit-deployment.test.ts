import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDeployment, platformAlternative } from '../src/audit/deployment.js';
import { deploymentLine } from '../src/audit/format/deployment.js';
import { ScopeFilter } from '../src/audit/ignores.js';
import type { Deployment } from '../src/audit/report.js';
import { audit, temporaryProject } from './audit-helpers.js';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function deployment(files: Record<string, string>, replicas: number | null = null, ignore: string[] = []): Deployment {
  const dir = temporaryProject(files);
  temporary.push(dir);
  return detectDeployment(dir, new ScopeFilter(dir, ignore), replicas);
}

const WORKLOAD = (kind: string, replicas: string): string => `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: api\nspec:\n${replicas}  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n`;

describe('deployment files', () => {
  it('reads Kubernetes workloads and autoscalers, in one file or several, and takes the largest count', () => {
    const found = deployment({
      'deploy/k8s/deployment.yaml': `${WORKLOAD('Deployment', '  replicas: 3\n')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n`,
      'deploy/k8s/hpa.yml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  minReplicas: 2\n  maxReplicas: 12\n',
      'deploy/k8s/worker.yaml': WORKLOAD('StatefulSet', ''),
      'config/settings.yaml': 'kind: Deployment\nreplicas: 99\n',
    });
    expect(found).toEqual({
      platform: 'kubernetes',
      platformSource: 'deploy/k8s/deployment.yaml',
      replicas: 12,
      replicasSource: 'deploy/k8s/hpa.yml',
      serverless: false,
      files: [
        { file: 'deploy/k8s/deployment.yaml', platform: 'kubernetes', replicas: 3, note: 'Deployment api: 3 replicas' },
        { file: 'deploy/k8s/hpa.yml', platform: 'kubernetes', replicas: 12, note: 'HorizontalPodAutoscaler api: 2 to 12 replicas' },
        { file: 'deploy/k8s/worker.yaml', platform: 'kubernetes', replicas: 1, note: 'StatefulSet api: 1 replica' },
      ],
      warnings: [],
    });
    expect(deploymentLine(found, 4)).toBe('Deployed as 12 replicas on Kubernetes (deploy/k8s/hpa.yml): 4 blockers matter now.');
  });

  it("reads a Helm chart's values, not its templates", () => {
    const found = deployment({
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
      'charts/api/values.yaml': 'replicaCount: 2\nautoscaling:\n  enabled: true\n  minReplicas: 2\n  maxReplicas: 6\n',
      'charts/api/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicaCount }}\n',
      'web/values.yaml': 'replicaCount: 40\n',
    });
    expect(found.files).toEqual([{ file: 'charts/api/values.yaml', platform: 'helm', replicas: 6, note: 'autoscaling up to 6 replicas' }]);
    expect(found.warnings).toEqual([]);
  });

  it.each([
    ['fly.toml', 'app = "api"\nprimary_region = "ams"\n[http_service]\n  internal_port = 8080\n  min_machines_running = 3\n', 'fly', 3, 'Deployed as 3 replicas on Fly.io (fly.toml): 1 blocker matters now.'],
    ['fly.toml', 'app = "api"\n[http_service]\n  internal_port = 8080\n', 'fly', 2, 'Deployed as 2 replicas on Fly.io (fly.toml): 1 blocker matters now.'],
    ['render.yaml', 'services:\n  - type: web\n    name: api\n    numInstances: 2\n    scaling:\n      minInstances: 1\n      maxInstances: 5\n', 'render', 5, 'Deployed as 5 replicas on Render (render.yaml): 1 blocker matters now.'],
    ['app.yaml', 'runtime: nodejs20\nmanual_scaling:\n  instances: 4\n', 'app-engine', 4, 'Deployed as 4 replicas on App Engine (app.yaml): 1 blocker matters now.'],
    ['app.yaml', 'runtime: nodejs20\n', 'app-engine', null, 'Deployed as App Engine (app.yaml); the files do not say how many instances run.'],
    ['docker-compose.yml', 'services:\n  api:\n    build: .\n    deploy:\n      replicas: 3\n  db:\n    image: postgres:16\n', 'compose', 3, 'Deployed as 3 replicas on Docker Compose (docker-compose.yml): 1 blocker matters now.'],
    ['compose.yaml', 'services:\n  api:\n    build: .\n', 'compose', 1, 'Deployed as 1 replica on Docker Compose (compose.yaml): 1 blocker matters once it scales out, and each restart loses the state.'],
    [
      'serverless.yml',
      'service: api\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  hello:\n    handler: handler.hello\n',
      'aws-lambda',
      null,
      'AWS Lambda (serverless.yml): warm instances reuse module state, and concurrent requests run in separate instances: 1 blocker matters now.',
    ],
    [
      'template.yaml',
      "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Role: !GetAtt Role.Arn\n      Environment:\n        Variables:\n          TABLE: !Ref Table\n",
      'aws-lambda',
      null,
      'AWS Lambda (template.yaml): warm instances reuse module state, and concurrent requests run in separate instances: 1 blocker matters now.',
    ],
    ['vercel.json', '{ "functions": { "api/*.ts": { "maxDuration": 10 } } }\n', 'vercel', null, 'Vercel functions (vercel.json): instances run concurrent requests and are reused, each with its own module state: 1 blocker matters now.'],
    ['netlify.toml', '[build]\n  functions = "netlify/functions"\n', 'netlify', null, 'Netlify Functions (netlify.toml): warm instances reuse module state, and concurrent requests run in separate instances: 1 blocker matters now.'],
    ['wrangler.toml', 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2026-01-01"\n', 'cloudflare-workers', null, 'Cloudflare Workers (wrangler.toml): isolates are reused across requests and evicted at any time, each with its own module state: 1 blocker matters now.'],
    ['wrangler.jsonc', '{\n  // the Worker\n  "name": "api",\n  "main": "src/index.ts",\n}\n', 'cloudflare-workers', null, 'Cloudflare Workers (wrangler.jsonc): isolates are reused across requests and evicted at any time, each with its own module state: 1 blocker matters now.'],
    ['Dockerfile', 'FROM node:20\nCMD ["node", "server.js"]\n', 'container', null, 'Deployed as a container image (Dockerfile); the files do not say how many instances run.'],
    ['Procfile', 'web: node server.js\nworker: node worker.js\n', 'procfile', null, 'Deployed as Procfile processes (Procfile); the files do not say how many instances run.'],
    [
      'ecosystem.config.js',
      "const workers = 2;\nmodule.exports = {\n  apps: [\n    { name: 'api', script: './server.js', instances: 4, exec_mode: 'cluster' },\n    { name: 'jobs', script: './worker.js', instances: workers },\n  ],\n};\n",
      'pm2',
      4,
      'Deployed as 4 replicas on PM2 (ecosystem.config.js): 1 blocker matters now.',
    ],
    ['pm2.production.json', '{ "apps": [{ "name": "relay", "script": "dist/index.js", "exec_mode": "fork" }] }\n', 'pm2', 1, 'Deployed as 1 replica on PM2 (pm2.production.json): 1 blocker matters once it scales out, and each restart loses the state.'],
    ['ecosystem.config.cjs', "const apps = [{ script: 'server.js', instances: 'max' }];\nmodule.exports = { apps };\n", 'pm2', null, 'Deployed as PM2 (ecosystem.config.cjs); the files do not say how many instances run.'],
    ['process.yml', 'apps:\n  - script: server.js\n    instances: 3\n', 'pm2', 3, 'Deployed as 3 replicas on PM2 (process.yml): 1 blocker matters now.'],
    ['ecosystem.config.mjs', "export default { apps: [{ script: 'server.js', instances: Number(process.env.WEB_CONCURRENCY) }] };\n", 'pm2', null, 'Deployed as PM2 (ecosystem.config.mjs); the files do not say how many instances run.'],
  ])('reads %s', (file, text, platform, replicas, line) => {
    const found = deployment({ [file]: text });
    expect(found.warnings).toEqual([]);
    expect({ platform: found.platform, replicas: found.replicas }).toEqual({ platform, replicas });
    expect(deploymentLine(found, 1)).toBe(line);
  });

  it('reads the notes of a PM2 file, and leaves alone a file of that name that starts no app', () => {
    expect(deployment({ 'ecosystem.config.js': "module.exports = { apps: [{ script: 'a.js', instances: -1 }, { script: 'b.js' }] };\n" }).files).toEqual([
      { file: 'ecosystem.config.js', platform: 'pm2', replicas: null, note: '2 apps, as many instances as the machine has cores' },
    ]);
    expect(deployment({ 'src/process.js': 'module.exports = function run(task) {\n  return task();\n};\n', 'pm2.json': '{ "name": "not an app list" }\n' }).files).toEqual([]);
    expect(deployment({ 'ecosystem.config.js': 'module.exports = {\n' }).warnings).toEqual([]);
  });

  it('speaks of a serverless platform before an orchestrator, and of an orchestrator before a container', () => {
    expect(deployment({ Dockerfile: 'FROM node:20\n', 'k8s/app.yaml': WORKLOAD('Deployment', '  replicas: 2\n') }).platform).toBe('kubernetes');
    expect(deployment({ Dockerfile: 'FROM node:20\n', 'serverless.yml': 'provider:\n  name: aws\n' }).platform).toBe('aws-lambda');
  });

  it('takes --replicas over the files, and says where the count comes from', () => {
    const found = deployment({ 'k8s/app.yaml': WORKLOAD('Deployment', '  replicas: 2\n') }, 5);
    expect(found).toMatchObject({ platform: 'kubernetes', replicas: 5, replicasSource: '--replicas' });
    expect(deploymentLine(found, 0)).toBe('Deployed as 5 replicas on Kubernetes (--replicas): no blocker stands in the way.');
    expect(deploymentLine(deployment({}, 3), 2)).toBe('Deployed as 3 replicas (--replicas): 2 blockers matter now.');
    expect(deploymentLine(deployment({}), 2)).toBeNull();
  });

  it('warns about a deployment file that does not parse, and reads the others', () => {
    const found = deployment({
      'fly.toml': 'app = "api"\n[http_service\n',
      'k8s/broken.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: [3\n',
      'vercel.json': '{ "functions": ',
      'render.yaml': 'services:\n  - type: web\n    numInstances: 2\n',
    });
    expect(found.platform).toBe('render');
    expect(found.warnings.map((warning) => warning.file)).toEqual(['fly.toml', 'k8s/broken.yaml', 'vercel.json']);
    expect(found.warnings.every((warning) => /^does not parse: \S/u.test(warning.message))).toBe(true);
    expect(found.warnings[1]?.message).toMatch(/\(line \d+\)$/u);
  });

  it('leaves out what the user ignores, dependencies and hidden folders', () => {
    const found = deployment(
      {
        'node_modules/pkg/fly.toml': 'app = "x"\n',
        '.github/workflows/deploy.yaml': WORKLOAD('Deployment', '  replicas: 9\n'),
        'examples/k8s.yaml': WORKLOAD('Deployment', '  replicas: 9\n'),
        'infra/k8s.yaml': WORKLOAD('Deployment', '  replicas: 2\n'),
      },
      null,
      ['examples/'],
    );
    expect(found.files.map((file) => file.file)).toEqual(['infra/k8s.yaml']);
  });

  it('leaves out what another package of the folder deploys, unless the audit reads that package', async () => {
    const files = {
      'package.json': '{"type":"module"}',
      Dockerfile: 'FROM node:20\n',
      'k8s/app.yaml': WORKLOAD('Deployment', '  replicas: 3\n'),
      'src/server.js': "import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => { hits++; res.end(); });\napp.listen(3000);\n",
      'frontend/package.json': '{"name":"web"}',
      'frontend/vercel.json': '{ "framework": "vite" }',
    };
    const dir = temporaryProject(files);
    temporary.push(dir);
    const sources = [path.join(dir, 'src', 'server.js')];
    const found = detectDeployment(dir, new ScopeFilter(dir, []), null, sources);
    expect({ platform: found.platform, replicas: found.replicas, serverless: found.serverless }).toEqual({ platform: 'kubernetes', replicas: 3, serverless: false });
    expect(found.files.map((file) => file.file)).toEqual(['Dockerfile', 'k8s/app.yaml']);
    // Without the sources every file counts, and the static frontend's Vercel project wins.
    expect(detectDeployment(dir, new ScopeFilter(dir, []), null).platform).toBe('vercel');
    // With a source in the frontend package, its deployment is the service's too.
    expect(detectDeployment(dir, new ScopeFilter(dir, []), null, [...sources, path.join(dir, 'frontend', 'api.js')]).platform).toBe('vercel');
    // The audit passes the files in its scope.
    expect((await audit(dir)).deployment.platform).toBe('kubernetes');
  });

  it("counts the deployment of the server's package, not that of a front-end audited with it", async () => {
    const dir = temporaryProject({
      'package.json': '{"private":true,"workspaces":["apps/*"]}',
      'apps/api/package.json': '{"name":"api","type":"module"}',
      'apps/api/Dockerfile': 'FROM node:20\nCMD ["node", "server.js"]\n',
      'apps/api/server.js': "import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => { hits++; res.end(); });\napp.listen(3000);\n",
      'apps/dashboard/package.json': '{"name":"dashboard","type":"module"}',
      'apps/dashboard/netlify.toml': '[build]\ncommand = "vite build"\n',
      'apps/dashboard/main.js': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(null);\n",
    });
    temporary.push(dir);
    const report = await audit(dir);
    expect({ platform: report.deployment.platform, source: report.deployment.platformSource }).toEqual({ platform: 'container', source: 'apps/api/Dockerfile' });
  });

  it("names the platform's own stores as the alternative", async () => {
    expect(platformAlternative('cloudflare-workers', 'counter')).toBe('On Cloudflare Workers: a Durable Object, the one place a count is consistent.');
    expect(platformAlternative('kubernetes', 'counter')).toBeUndefined();
    expect(platformAlternative(null, 'cache')).toBeUndefined();
    const dir = temporaryProject({
      'wrangler.toml': 'name = "api"\nmain = "src/index.js"\n',
      'src/index.js': "import { Hono } from 'hono';\nconst app = new Hono();\nlet hits = 0;\napp.get('/', (c) => {\n  hits++;\n  return c.json({ hits });\n});\nexport default app;\n",
    });
    temporary.push(dir);
    const report = await audit(dir);
    expect(report.state.map((item) => [item.name, item.alternative])).toEqual([['hits', 'On Cloudflare Workers: a Durable Object, the one place a count is consistent.']]);
    expect(report.deployment).toMatchObject({ platform: 'cloudflare-workers', serverless: true, platformSource: 'wrangler.toml' });
  });
});

describe('processes a container starts together', () => {
  const sourcesOf = (dir: string, files: Record<string, string>): string[] => Object.keys(files).filter((file) => /\.[cm]?[jt]sx?$/u.test(file)).map((file) => path.join(dir, file));
  const processes = (files: Record<string, string>): Deployment['processes'] => {
    const dir = temporaryProject(files);
    temporary.push(dir);
    return detectDeployment(dir, new ScopeFilter(dir, []), null, sourcesOf(dir, files)).processes;
  };

  it('reads `concurrently` in an exec-form `sh -c`, following `cd` into the container path the project was copied to', () => {
    const found = processes({
      Dockerfile: [
        'FROM node:22 AS build',
        'CMD ["node", "build.js"]',
        'FROM node:22',
        'WORKDIR /srv',
        'COPY . .',
        '# the web server and the worker, in one container',
        'CMD ["sh", "-c", "npx prisma migrate deploy && exec concurrently -k -n web,worker \\"cd /srv/apps/web && exec next start\\" \\"cd /srv/apps/worker && exec tsx index.ts\\""]',
      ].join('\n'),
      'apps/web/pages/api/hello.ts': 'export default function hello() {}\n',
      'apps/worker/index.ts': 'export {};\n',
    });
    expect(found).toEqual([
      {
        file: 'Dockerfile',
        launcher: 'concurrently',
        processes: [
          { command: 'cd /srv/apps/web && exec next start', entry: null },
          { command: 'cd /srv/apps/worker && exec tsx index.ts', entry: 'apps/worker/index.ts' },
        ],
      },
    ]);
  });

  it("reads the shell's background jobs and `npm-run-all -p`, mapping built output back to its sources", () => {
    expect(
      processes({
        Dockerfile: 'FROM node:22\nWORKDIR /app\nCMD node dist/server.js & \\\n    node --enable-source-maps dist/jobs/worker.js & \\\n    wait\n',
        'src/server.ts': 'export {};\n',
        'src/jobs/worker.ts': 'export {};\n',
      }),
    ).toEqual([
      {
        file: 'Dockerfile',
        launcher: '&',
        processes: [
          { command: 'node dist/server.js', entry: 'src/server.ts' },
          { command: 'node --enable-source-maps dist/jobs/worker.js', entry: 'src/jobs/worker.ts' },
        ],
      },
    ]);
    expect(
      processes({
        Dockerfile: 'FROM node:22\nCMD ["npm-run-all", "--parallel", "serve", "work"]\n',
        'package.json': JSON.stringify({ scripts: { serve: 'node server.js', work: 'yarn workspace @acme/jobs start' } }),
        'server.js': 'export {};\n',
        'packages/jobs/package.json': JSON.stringify({ name: '@acme/jobs', scripts: { start: 'tsx src/main.ts' } }),
        'packages/jobs/src/main.ts': 'export {};\n',
      }),
    ).toEqual([
      {
        file: 'Dockerfile',
        launcher: 'npm-run-all',
        processes: [
          { command: 'npm run serve', entry: 'server.js' },
          { command: 'npm run work', entry: 'packages/jobs/src/main.ts' },
        ],
      },
    ]);
  });

  it('says nothing of a container that starts one process, or of `&&` steps that run one after another', () => {
    expect(processes({ Dockerfile: 'FROM node:22\nCMD ["node", "server.js"]\n', 'server.js': '' })).toBeUndefined();
    expect(processes({ Dockerfile: 'FROM node:22\nCMD npm run migrate && node server.js\n', 'server.js': '' })).toBeUndefined();
  });

  it("counts the jobs of a worker that the container starts beside the web server as blockers, and not a job whose function nothing calls", async () => {
    const files: Record<string, string> = {
      'package.json': '{"type":"module"}',
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => { res.end(); });\napp.listen(3000);\n",
      'src/worker.ts': "import { archiveLoop } from './archive.js';\nimport { digestLoop } from './digest.js';\n\nvoid archiveLoop();\n// void digestLoop();\nconst nightly = await import('./nightly.js');\nnightly.default();\n",
      'src/nightly.ts': "import { pool } from './db.js';\nexport default function startNightly(): void {\n  setInterval(() => void pool.query('select purge_expired()'), 86_400_000);\n}\n",
      'src/archive.ts': [
        "import { pool } from './db.js';",
        'const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));',
        'export async function archiveLoop(): Promise<void> {',
        '  while (true) {',
        "    await pool.query('update links set archived = true where archived = false');",
        '    await sleep(10_000);',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/digest.ts': [
        "import { pool } from './db.js';",
        "import { setTimeout as sleep } from 'node:timers/promises';",
        'export async function digestLoop(): Promise<void> {',
        '  for (;;) {',
        "    await pool.query('select send_digests()');",
        '    await sleep(86_400_000);',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/db.ts': 'export const pool = { query: async (sql: string): Promise<unknown> => sql };\n',
    };
    const alone = temporaryProject(files);
    temporary.push(alone);
    // A worker deployed on its own is where such a loop belongs.
    expect((await audit(alone)).state).toEqual([]);
    const together = temporaryProject({ ...files, Dockerfile: 'FROM node:22\nWORKDIR /app\nCMD ["sh", "-c", "node dist/server.js & node dist/worker.js & wait"]\n' });
    temporary.push(together);
    const report = await audit(together);
    expect(report.state.map((item) => ({ name: item.name, declaration: item.declaration, blocker: item.blocker, detail: item.detail }))).toEqual([
      {
        name: 'while (true)',
        declaration: { file: 'src/archive.ts', line: 4 },
        blocker: true,
        detail: '`while (true)`, in the process of `src/worker.ts`, which Dockerfile starts beside the others in every container (started with `&`): each replica runs it',
      },
      // A default export, called under another name.
      {
        name: 'setInterval',
        declaration: { file: 'src/nightly.ts', line: 3 },
        blocker: true,
        detail: '`setInterval`, in the process of `src/worker.ts`, which Dockerfile starts beside the others in every container (started with `&`): each replica runs it',
      },
    ]);
    expect(report.deployment.processes?.[0]?.processes.map((started) => started.entry)).toEqual(['src/server.ts', 'src/worker.ts']);
  });
});
