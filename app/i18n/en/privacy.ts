import type { privacyZh } from '../zh-CN/privacy';

export const privacyEn: typeof privacyZh = {
  kinds: {
    email: 'E-mail',
    id_card: 'ID card number',
    bank_card: 'Bank card number',
    passport: 'Passport number',
    mobile: 'Mobile number',
    landline: 'Landline number',
    address: 'Street address',
  },
  unknownKind: 'Personal data',
  anonymized: 'Anonymized',
  anonymizedHint: 'The content was anonymized on {{time}} (retention period or erasure request)',
  span: {
    revealHint: '{{kind}}; click to see the original',
    cannotReveal: '{{kind}} (masked); you are not allowed to see the original',
    revealed: '{{kind}}, original; this view is in the audit log and the mask returns on reload',
  },
  reveal: {
    title: 'See the original {{kind}}',
    audited:
      'Seeing the original is recorded in the audit log: who looked at which data, when and why. Only do so when the case really needs it.',
    masked: 'Masked: {{masked}}',
    reason: 'Reason',
    reasonPlaceholder: 'e.g. the customer asked to check the card for the refund',
    reasonLength: 'Give a reason ({{min}}–{{max}} characters)',
    confirm: 'Show original',
  },
  reply: {
    title: 'The reply contains personal data',
    intro:
      'This reply goes to the customer over {{channel}}, which is not end-to-end encrypted. Service rules say not to send this personal data over such a channel:',
    item: '{{kind}}: {{masked}}',
    advice: 'Remove it, or ask the customer to check it in a secure way.',
    back: 'Go back and edit',
    sendAnyway: 'Send anyway',
  },
  settings: {
    title: 'Privacy and personal data',
    intro:
      'Agents see personal data masked; supervisors and administrators can see an original after giving a reason, and every such view is recorded in the audit log.',
    masking: 'Masking',
    maskingHelp:
      'Choose the kinds of personal data to mask. New messages are stored masked by these rules; originals are kept encrypted.',
    kind: 'Kind',
    format: 'Format',
    formatHelp:
      '{first:N} shows the first N characters, {last:N} the last N (spaces and dashes not counted); anything else is shown as written, e.g. {first:3}****{last:4}. Leave empty for the default.',
    example: 'Example',
    exampleHint: 'Examples use the saved formats and update after saving.',
    defaults: {
      email: 'Default: first character***@domain',
      id_card: 'Default: {first:6}********{last:4}',
      bank_card: 'Default: {first:4} **** **** {last:4}',
      passport: 'Default: {first:1}******{last:2}',
      mobile: 'Default: {first:3}****{last:4}',
      landline: 'Default: area code + last 2 digits',
      address: 'Default: **** (province, city and district kept)',
    },
    retention: 'Retention',
    retentionMonths: 'Keep messages for',
    retentionHelp:
      'Personal data in message bodies, ticket descriptions and attachments older than this is anonymized; leave empty to keep everything.',
    months: 'months',
    off: 'Keep everything',
    saved: 'Privacy settings saved',
  },
  retention: {
    title: 'Anonymize old data',
    intro: 'Do a dry run first to see how much would be anonymized; then run it.',
    dryRun: 'Dry run',
    run: 'Anonymize',
    runConfirm: 'Anonymize the data from before {{cutoff}}? This cannot be undone.',
    wouldAnonymize: 'Keeping {{months}} months: this data from before {{cutoff}} would be anonymized',
    anonymized: 'This data from before {{cutoff}} was anonymized',
    messages: 'Messages',
    ticketDescriptions: 'Ticket descriptions',
    attachments: 'Attachments',
    done: 'Anonymization finished',
    off: 'Set and save a retention period before running anonymization.',
  },
  customer: {
    erasedTag: 'Personal data erased',
    erasedNotice:
      "This customer's personal data was erased on {{time}}; the tickets are kept for statistics only.",
    export: 'Export personal data',
    exportTitle: 'Export the personal data of {{number}}',
    exportIntro:
      "Exports this customer's profile, channel identities, tickets and original messages (PIPL Art. 45). The export and its download are recorded in the audit log.",
    exportRunning: 'Gathering the data…',
    exportDone: 'The export is ready',
    exportFailed: 'The export failed: {{error}}',
    exportProgress: '{{processed}} / {{total}}',
    download: 'Download the export',
    erase: 'Erase personal data',
    eraseTitle: 'Erase the personal data of {{number}}',
    eraseIntro: 'Under PIPL Art. 47 the following is deleted for good:',
    eraseProfile:
      'The profile: name, nickname, phone, e-mail, company, notes, attributes and channel identities',
    eraseMessages: "Message bodies, ticket descriptions and attachments of all the customer's tickets",
    eraseKept:
      'The tickets themselves (number, type, status, times) are kept for statistics only. The erasure is recorded in the audit log.',
    confirmNumber: 'Type the customer number {{number}} to confirm',
    confirmNumberMismatch: 'The customer number does not match',
    eraseConfirm: 'Erase personal data',
    erasedTitle: 'The personal data of {{number}} was erased',
    tickets: 'Tickets',
    messages: 'Messages',
    attachments: 'Attachments',
  },
};
