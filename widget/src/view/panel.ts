import type { Translate } from '../i18n';
import { CHAT_ICON, CLIP_ICON, el, icon } from './dom';

/** The widget's fixed DOM: launcher, panel, header, bars, message log and composer. Data fills it later. */
export function buildPanel(t: Translate) {
  const badge = el('span', { className: 'badge', hidden: true });
  const launcher = el(
    'button',
    {
      type: 'button',
      className: 'launcher',
      'data-kefu': 'launcher',
      'aria-label': t('launcher'),
      hidden: true,
    },
    [icon(CHAT_ICON), badge],
  );
  const title = el('span', { className: 'title', text: t('title') });
  const agent = el('span', { className: 'agent', 'data-kefu': 'agent', hidden: true });
  const end = el('button', {
    type: 'button',
    className: 'end',
    'data-kefu': 'end',
    hidden: true,
    text: t('endChat'),
  });
  const close = el('button', { type: 'button', className: 'close', 'aria-label': t('close'), text: '×' });
  const endYes = el('button', { type: 'button', 'data-kefu': 'end-confirm', text: t('endYes') });
  const endNo = el('button', { type: 'button', text: t('endNo') });
  const confirm = el('div', { className: 'bar', hidden: true }, [t('endConfirm'), endYes, endNo]);
  const status = el('div', { className: 'bar', 'data-kefu': 'status', role: 'status', hidden: true });
  const offline = el('div', { className: 'bar', 'data-kefu': 'offline', hidden: true });
  const messages = el('div', {
    className: 'messages',
    'data-kefu': 'messages',
    role: 'log',
    'aria-live': 'polite',
  });
  const typing = el('div', { className: 'typing', 'data-kefu': 'typing', hidden: true, text: t('typing') });
  const error = el('div', { className: 'error', 'data-kefu': 'error', role: 'alert', hidden: true });
  const preChatSlot = el('div');
  const welcomeText = el('div', { className: 'bubble' });
  const welcome = el('div', { className: 'msg', 'data-kefu': 'welcome' }, [welcomeText]);
  const fileInput = el('input', { type: 'file', 'data-kefu': 'file', hidden: true });
  const upload = el(
    'button',
    {
      type: 'button',
      className: 'attach',
      'data-kefu': 'upload',
      'aria-label': t('upload'),
      title: t('upload'),
    },
    [icon(CLIP_ICON)],
  );
  const input = el('textarea', {
    rows: 1,
    maxlength: 2000,
    placeholder: t('placeholder'),
    'data-kefu': 'composer',
    'aria-label': t('placeholder'),
  });
  const send = el('button', { type: 'submit', className: 'primary', 'data-kefu': 'send', text: t('send') });
  const composer = el('form', { className: 'composer' }, [upload, fileInput, input, send]);
  const panel = el(
    'section',
    { className: 'panel', 'data-kefu': 'panel', role: 'dialog', 'aria-label': t('title'), hidden: true },
    [
      el('header', {}, [el('div', { className: 'titles' }, [title, agent]), end, close]),
      confirm,
      status,
      offline,
      messages,
      typing,
      error,
      preChatSlot,
      composer,
    ],
  );
  return {
    launcher,
    badge,
    panel,
    title,
    agent,
    end,
    close,
    confirm,
    endYes,
    endNo,
    status,
    offline,
    messages,
    typing,
    error,
    preChatSlot,
    welcome,
    welcomeText,
    fileInput,
    upload,
    input,
    send,
    composer,
  };
}

export type PanelParts = ReturnType<typeof buildPanel>;
