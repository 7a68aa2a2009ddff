import type { incidentsZh } from '../zh-CN/incidents';

export const incidentsEn: typeof incidentsZh = {
  title: 'Incidents',
  intro:
    'When many similar tickets arrive in a short time (an app outage), an incident opens, supervisors are alerted and further similar tickets link to it. Send one holding reply to every customer concerned, then close the incident and broadcast the resolution.',
  empty: 'No incidents',
  automatic: 'Automatic',
  backToList: 'All incidents',
  status: { open: 'Ongoing', resolved: 'Resolved' },
  columns: {
    title: 'Incident',
    status: 'Status',
    tickets: 'Tickets',
    holding: 'Holding reply',
    openedAt: 'Opened',
    resolvedAt: 'Resolved',
  },
  detail: {
    title: 'Incident',
    openedBy: '{{time}} · {{who}}',
    signature: 'Keywords',
    messages: 'Messages to customers',
    notYet: 'Not sent yet',
    sentCount: 'Sent {{sent}}/{{total}}',
  },
  tickets: {
    title: 'Linked tickets ({{count}})',
    linkedAt: 'Linked',
    holding: 'Holding reply',
    resolution: 'Resolution',
    sent: 'Sent',
    notSent: 'Not sent',
    sentHint: 'Got the {{what}}',
    empty: 'No tickets linked yet',
  },
  holding: {
    action: 'Send holding reply',
    title: 'Send a holding reply to every customer concerned',
    intro:
      'Sent through each ticket’s channel, once per ticket; tickets linking later get the same reply automatically.',
    defaultText:
      'Hello, we are aware of the problem and our technical team is working on it urgently. We will let you know as soon as it is fixed. We apologise for the inconvenience.',
    send: 'Send',
  },
  resolve: {
    action: 'Resolve and broadcast',
    title: 'Resolve the incident and broadcast the resolution',
    intro:
      'The resolution goes through each ticket’s channel, once per ticket; the incident then closes and no longer gathers new tickets.',
    defaultText:
      'Hello, the problem that affected you has been fixed and everything works normally again. Thank you for your patience; contact us any time if anything is still wrong.',
    send: 'Resolve and broadcast',
  },
  broadcast: {
    required: 'Write the message for the customers (at most 2000 characters)',
    recipients_one: 'Goes to {{count}} ticket that has not had it',
    recipients_other: 'Goes to {{count}} tickets that have not had it',
    noRecipients: 'Every ticket that is not closed has had it; nothing will be sent this time',
    noPersonalData: 'This message goes to many customers: include nobody’s personal data.',
    sent_one: 'Sent to the customer of {{count}} ticket',
    sent_other: 'Sent to the customers of {{count}} tickets',
  },
  open: {
    action: 'Open an incident',
    title: 'Open an incident',
    intro:
      'Open one yourself when you see a problem spreading; open tickets from the last day that use these words join it.',
    name: 'Name',
    namePlaceholder: 'e.g. App crashes at login',
    nameRequired: 'Name the incident',
    keywords: 'Keywords',
    keywordsHelp: 'Words customers use for this problem, such as 闪退 (crash) or 登录 (login)',
    keywordsPlaceholder: 'Type and press Enter',
    keywordsRequired: 'Enter at least one keyword',
    submit: 'Open',
    done_one: 'Incident opened with {{count}} ticket',
    done_other: 'Incident opened with {{count}} tickets',
  },
};
