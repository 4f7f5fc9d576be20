import type { FrameworkAdapter } from './types.js';

/** AWS Lambda: the deployment names an export, by convention `handler`. */
export const lambda: FrameworkAdapter = {
  name: 'AWS Lambda',
  packages: ['aws-lambda', '@middy/core', 'serverless-http', 'hono/aws-lambda'],
  handlerCalls: [
    { names: ['middy', 'streamifyResponse'], when: 'always' },
  ],
  handlerExports: [{ names: ['handler'] }],
  requestTypes: [
    'APIGatewayProxyEvent',
    'APIGatewayProxyEventV2',
    'ALBEvent',
    'LambdaFunctionURLEvent',
    'SQSEvent',
    'SNSEvent',
    'EventBridgeEvent',
    'S3Event',
    'DynamoDBStreamEvent',
  ],
  handlerTypes: [
    'APIGatewayProxyHandler',
    'APIGatewayProxyHandlerV2',
    'ALBHandler',
    'LambdaFunctionURLHandler',
    'SQSHandler',
    'SNSHandler',
    'Handler',
  ],
};
