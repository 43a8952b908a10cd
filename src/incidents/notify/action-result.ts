// What a response-action webhook's delivery means for the incident: the `result` recorded on the
// action, in the words the timeline and the report use.
import type { ResponseAction } from '../../core/index.ts';
import type { WebhookResult } from './webhook.ts';

export function actionResult(
  result: WebhookResult,
  at: string,
): NonNullable<ResponseAction['result']> {
  return {
    status: result.ok ? 'done' : 'failed',
    at,
    ...(result.status === undefined ? {} : { http_status: result.status }),
    ...(result.ok || result.error === undefined ? {} : { detail: result.error }),
  };
}
