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
    'APIGatewayProxyHandler',
    'APIGatewayProxyHandlerV2',
    'ALBEvent',
    'ALBHandler',
    'LambdaFunctionURLEvent',
    'LambdaFunctionURLHandler',
    'SQSEvent',
    'SQSHandler',
    'SNSEvent',
    'SNSHandler',
    'EventBridgeEvent',
    'S3Event',
    'DynamoDBStreamEvent',
    'Handler',
  ],
};
