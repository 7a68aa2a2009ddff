import type { manualEntryZh } from '../zh-CN/manual-entry';

export const manualEntryEn: typeof manualEntryZh = {
  title: 'Register a request',
  intro:
    'Register a request received in a store, at an exhibition, by letter, on a visit or by phone. It becomes a ticket like any channel’s message: personal data masked, the customer recognised, classified, routed and timed.',
  sources: {
    store: 'Store',
    exhibition: 'Exhibition',
    phone: 'Phone',
    letter: 'Letter',
    visit: 'Visit',
    other: 'Other',
  },
  form: {
    title: 'The request',
    source: 'Received',
    sourceDetail: 'Where',
    sourceDetailPlaceholder: 'e.g. the store or exhibition',
    customer: 'Customer',
    name: 'Name',
    phone: 'Phone',
    phonePlaceholder: 'e.g. 138 0013 8000, 010-12345678',
    phoneRequiredForCalls: 'A request taken by phone needs the caller’s number',
    email: 'E-mail',
    emailInvalid: 'Enter a valid e-mail address',
    text: 'Request',
    textPlaceholder: 'What the customer asks for, what is wrong, what was done already',
    textRequired: 'Describe the request',
    orderNumber: 'Order number',
    receivedAt: 'Received at',
    submit: 'Register',
    registered: 'Registered as ticket {{number}}; tell the customer the number so they can follow it',
    registeredAgain: 'This request was registered before, as ticket {{number}}',
    openTicket: 'Open ticket',
    next: 'Register another',
  },
  timeline: {
    registered: 'registered a request · {{source}}',
    registeredAt: 'registered a request · {{source}}, {{detail}}',
  },
};
