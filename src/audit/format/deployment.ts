import { launcherName } from '../processes.js';
import type { Deployment, Platform } from '../report.js';

const PLATFORM_NAMES: Record<Platform, string> = {
  kubernetes: 'Kubernetes',
  helm: 'Helm',
  compose: 'Docker Compose',
  fly: 'Fly.io',
  render: 'Render',
  'app-engine': 'App Engine',
  'aws-lambda': 'AWS Lambda',
  vercel: 'Vercel functions',
  netlify: 'Netlify Functions',
  'cloudflare-workers': 'Cloudflare Workers',
  pm2: 'PM2',
  procfile: 'Procfile processes',
  container: 'a container image',
};

export function platformName(platform: Platform): string {
  return PLATFORM_NAMES[platform];
}

/**
 * What a serverless platform does with module state, in one clause (AWS Lambda operator guide,
 * Vercel Fluid compute docs, Cloudflare Workers best practices; see shared knowledge, handlers §B).
 */
const SERVERLESS_NOTES: Partial<Record<Platform, string>> = {
  'aws-lambda': 'warm instances reuse module state, and concurrent requests run in separate instances',
  vercel: 'instances run concurrent requests and are reused, each with its own module state',
  netlify: 'warm instances reuse module state, and concurrent requests run in separate instances',
  'cloudflare-workers': 'isolates are reused across requests and evicted at any time, each with its own module state',
};

/**
 * What the deployment means for the blockers, in one sentence: "Deployed as 3 replicas on
 * Kubernetes (k8s/deployment.yaml): 4 blockers matter now." Null when nothing says how it runs.
 */
export function deploymentLine(deployment: Deployment, blockers: number): string | null {
  const { platform, replicas } = deployment;
  const matter = blockers === 0 ? 'no blocker stands in the way' : `${plural(blockers, 'blocker')} matter${blockers === 1 ? 's' : ''} now`;
  const on = platform === null ? '' : ` on ${platformName(platform)}`;
  const from = deployment.replicasSource === null ? '' : ` (${deployment.replicasSource})`;
  if (platform !== null && deployment.serverless) {
    const count = replicas === null || deployment.replicasSource !== '--replicas' ? '' : `, ${plural(replicas, 'instance')} (--replicas)`;
    return `${platformName(platform)} (${deployment.platformSource ?? ''})${count}: ${SERVERLESS_NOTES[platform] ?? 'instances come and go'}: ${matter}.`;
  }
  if (replicas !== null && replicas > 1) return `Deployed as ${plural(replicas, 'replica')}${on}${from}: ${matter}.`;
  if (replicas === 1) {
    const later = blockers === 0 ? 'nothing stops it from scaling out' : `${plural(blockers, 'blocker')} matter${blockers === 1 ? 's' : ''} once it scales out, and each restart loses the state`;
    return `Deployed as 1 replica${on}${from}: ${later}.`;
  }
  if (platform !== null) return `Deployed as ${platformName(platform)} (${deployment.platformSource ?? ''}); the files do not say how many instances run.`;
  return null;
}

/**
 * One sentence for each container that starts several processes: "Dockerfile starts 2 processes in
 * each container (concurrently): `next start`, `apps/worker/worker.ts`; each replica runs all of them."
 */
export function processLines(deployment: Deployment): string[] {
  return (deployment.processes ?? []).map((group) => {
    const names = group.processes.map((started) => `\`${started.entry ?? started.command}\``).join(', ');
    return `${group.file} starts ${plural(group.processes.length, 'process')} in each container (${launcherName(group.launcher)}): ${names}; each replica runs all of them.`;
  });
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}
