import type { FrameworkAdapter } from './types.js';

/**
 * NestJS: controllers, providers, gateways and resolvers are singletons by default; their
 * decorated methods and interface methods (guards, interceptors, pipes, filters, middleware)
 * run per request.
 */
export const nest: FrameworkAdapter = {
  name: 'NestJS',
  packages: ['@nestjs/common', '@nestjs/core', '@nestjs/websockets', '@nestjs/microservices', '@nestjs/graphql', 'type-graphql'],
  decoratedClasses: {
    classDecorators: ['Controller', 'Injectable', 'WebSocketGateway', 'Resolver', 'Catch'],
    methodDecorators: [
      'Get',
      'Post',
      'Put',
      'Patch',
      'Delete',
      'Options',
      'Head',
      'All',
      'Search',
      'Sse',
      'SubscribeMessage',
      'MessagePattern',
      'EventPattern',
      'Query',
      'Mutation',
      'Subscription',
      'ResolveField',
      'FieldResolver',
      'OnEvent',
    ],
    methodNames: ['canActivate', 'intercept', 'transform', 'use', 'catch', 'handleConnection', 'handleDisconnect', 'resolve'],
    startupMethods: ['constructor', 'onModuleInit', 'onApplicationBootstrap', 'afterInit', 'configure'],
    backgroundDecorators: ['Cron', 'Interval', 'Timeout'],
    routes: {
      controller: 'Controller',
      verbs: { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Options: 'OPTIONS', Head: 'HEAD', All: 'ALL', Search: 'SEARCH', Sse: 'GET' },
      messages: ['SubscribeMessage', 'MessagePattern', 'EventPattern'],
      resolvers: ['Query', 'Mutation', 'Subscription', 'ResolveField', 'FieldResolver'],
    },
  },
  requestTypes: ['ExecutionContext', 'ArgumentsHost', 'CallHandler'],
};
