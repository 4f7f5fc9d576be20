import { createRuleTesters } from './rule-tester.js';
import { platformAdvice as advice } from './platform-advice.js';
import noModuleState from '../rules/no-module-state.js';
import noInstanceState from '../rules/no-instance-state.js';
import noProcessTimers from '../rules/no-process-timers.js';
import noStickySession from '../rules/no-sticky-session.js';
import noInMemorySession from '../rules/no-in-memory-session.js';

const { ts: ruleTester } = createRuleTesters();

ruleTester.run('no-module-state: advice that fits the platform', noModuleState, {
  valid: [],
  invalid: [
    // A module Worker (`export default { fetch }`) counts in a Durable Object or D1.
    {
      code: `
let hits = 0;
export default {
  async fetch(request: Request): Promise<Response> {
    hits++;
    return new Response(String(hits));
  },
};
`,
      errors: [{ messageId: 'counter', line: 5, column: 5, data: { name: 'hits', advice: advice('Cloudflare Workers', 'counter') } }],
    },
    // Lambda: a dedupe set becomes DynamoDB or Powertools idempotency.
    {
      code: `
import type { SQSHandler } from 'aws-lambda';
const seen = new Set<string>();
export const handler: SQSHandler = async (event) => {
  for (const record of event.Records) seen.add(record.messageId);
};
`,
      errors: [{ messageId: 'keyedMap', line: 5, column: 39, data: { name: 'seen', advice: advice('AWS Lambda', 'keyed-map') } }],
    },
    // Next.js: a Redis service.
    {
      code: `
import { NextResponse } from 'next/server';
let views = 0;
export async function POST() {
  views += 1;
  return NextResponse.json({ views });
}
`,
      filename: 'app/api/views/route.ts',
      errors: [{ messageId: 'counter', line: 5, column: 3, data: { name: 'views', advice: advice('Vercel / Next.js', 'counter') } }],
    },
    // Deno: Deno KV.
    {
      code: `
const visits = new Map<string, number>();
Deno.serve((request) => {
  const path = new URL(request.url).pathname;
  visits.set(path, (visits.get(path) ?? 0) + 1);
  return new Response(String(visits.get(path)));
});
`,
      errors: [{ messageId: 'keyedMap', line: 5, column: 3, data: { name: 'visits', advice: advice('Deno', 'keyed-map') } }],
    },
  ],
});

ruleTester.run('no-instance-state: a Durable Object keeps its own state', noInstanceState, {
  valid: [
    // One Durable Object per room: its fields are the room's state, which Cloudflare routes every request for the room to.
    `
import { DurableObject } from 'cloudflare:workers';

export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  messages = 0;

  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    this.sessions.set(pair[1], { name: new URL(request.url).searchParams.get('name') ?? 'anon' });
    this.messages++;
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}

export default {
  async fetch(request: Request, env: { ROOMS: DurableObjectNamespace }): Promise<Response> {
    return env.ROOMS.get(env.ROOMS.idFromName('lobby')).fetch(request);
  },
};
`,
    // The same in a module Worker without the base class (state, env constructor).
    `
export class Counter {
  constructor(state, env) {
    this.state = state;
    this.value = 0;
  }
  async fetch(request) {
    this.value++;
    await this.state.storage.put('value', this.value);
    return new Response(String(this.value));
  }
}
export default {
  async fetch(request, env) {
    return env.COUNTER.get(env.COUNTER.idFromName('a')).fetch(request);
  },
};
`,
  ],
  invalid: [],
});

ruleTester.run('no-process-timers: advice that fits the platform', noProcessTimers, {
  valid: [],
  invalid: [
    {
      code: `
export default {
  async fetch(request: Request, env: { LOGS: string }): Promise<Response> {
    setTimeout(() => void fetch(env.LOGS, { method: 'POST', body: request.url }), 0);
    return new Response('ok');
  },
};
`,
      errors: [{ messageId: 'afterResponse', line: 4, column: 5, data: { timer: 'setTimeout', handler: '`default.fetch`', advice: advice('Cloudflare Workers', 'afterResponse') } }],
    },
  ],
});

ruleTester.run('no-sticky-session: advice that fits the platform', noStickySession, {
  valid: [],
  invalid: [
    {
      code: `
import { createServer } from 'node:http';
import express from 'express';
import { Server, type Socket } from 'socket.io';

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { transports: ['websocket'] });
const userSockets = new Map<string, Socket>();

io.on('connection', (socket) => {
  userSockets.set(String(socket.handshake.auth.userId), socket);
});

app.post('/notify/:userId', (req, res) => {
  userSockets.get(req.params.userId)?.emit('notice', req.body);
  res.sendStatus(204);
});
`,
      errors: [
        {
          messageId: 'connections',
          line: 16,
          column: 3,
          data: { advice: advice('socket.io', 'connections'), name: 'userSockets', writer: "`on('connection')`", writeLine: '12', reader: '`POST /notify/:userId`', readLine: '16' },
          suggestions: [],
        },
      ],
    },
  ],
});

ruleTester.run('no-in-memory-session: advice that fits the framework', noInMemorySession, {
  valid: [],
  invalid: [
    {
      code: `
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';

const sessions = new Map<string, { userId: string }>();
const app = Fastify();
app.post('/login', async (request, reply) => {
  const sid = randomUUID();
  sessions.set(sid, { userId: String((request.body as { id: string }).id) });
  reply.setCookie('sid', sid);
  return { ok: true };
});
app.get('/me', async (request) => sessions.get(String(request.cookies.sid)));
`,
      errors: [{ messageId: 'handRolled', line: 5, column: 7, data: { name: 'sessions', advice: advice('Fastify', 'handRolledSession') } }],
    },
  ],
});
