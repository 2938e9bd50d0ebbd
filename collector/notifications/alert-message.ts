/** What a notification says, stored in the outbox as it is and formatted per target at delivery. */
export type AlertNotice = {
  readonly event: 'alert.opened' | 'alert.reopened' | 'test';
  readonly alertId: string;
  readonly client: string;
  readonly clientName: string;
  readonly deviceId: string;
  readonly hostname: string;
  readonly at: string;
};

export const webhookFormats = ['json', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

/** Slack and Teams render Markdown-like text: names chosen by users must not inject any of it. */
function plain(text: string): string {
  return text.replace(/[<>&*_~`|[\]]/g, (c) => `\\${c}`).slice(0, 200);
}

function sentence(n: AlertNotice): string {
  if (n.event === 'test') return 'imscout test notification: this webhook works.';
  const verb = n.event === 'alert.opened' ? 'New alert' : 'Alert reopened';
  return `${verb}: ${plain(n.clientName)} found on ${plain(n.hostname)} (${n.at}).`;
}

/** The request body for one target format: generic JSON, Slack incoming webhook, Teams MessageCard. */
export function formatNotice(format: WebhookFormat, notice: AlertNotice): object {
  switch (format) {
    case 'json':
      return { source: 'imscout', ...notice };
    case 'slack':
      return { text: sentence(notice) };
    case 'teams':
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: sentence(notice),
        title: notice.event === 'test' ? 'imscout' : `imscout: ${plain(notice.clientName)}`,
        text: sentence(notice),
      };
  }
}
