import type {
  WidgetChat,
  WidgetConfig,
  WidgetLocale,
  WidgetServerFrame,
  WidgetSessionRequest,
} from '@shared/web-chat';
import { type WidgetApi, WidgetRequestError } from './api';
import { type ConnectionStatus, type MessageFrame, openBrowserSocket, WidgetConnection } from './connection';
import { type Translate, translator } from './i18n';
import { VisitorSession } from './session';
import { newClientId, perTab, tabOutbox } from './storage';
import { MessageStore } from './store';
import { WIDGET_CSS } from './styles';
import { TypingSignal } from './typing';
import { uploadProblem } from './uploads';
import { renderChrome } from './view/chrome';
import { el, fitHeight } from './view/dom';
import { MessageList } from './view/message-list';
import { buildPanel, type PanelParts } from './view/panel';
import { type Contact, preChatForm } from './view/pre-chat';
import { ratingCard } from './view/rating';

export interface WidgetOptions {
  api: WidgetApi;
  widgetKey: string;
  locale: WidgetLocale;
  identity: WidgetSessionRequest['identity'];
}

const AGENT_TYPING_TIMEOUT_MS = 6000;
const ERROR_SHOWN_MS = 8000;

const currentPage = () => ({ url: location.origin + location.pathname, title: document.title });

/** The chat widget: owns the visitor's session, the socket and the panel, and renders state into the shadow root. */
export class Widget {
  private readonly options: WidgetOptions;
  private readonly t: Translate;
  private readonly parts: PanelParts;
  private readonly store = new MessageStore();
  private readonly list = new MessageList();
  private readonly connection: WidgetConnection;
  /** Every text send of this page, so a refused one can be retried with the same clientId. */
  private readonly sentFrames = new Map<string, MessageFrame>();
  private readonly uploads = new Map<string, File>();
  private config: WidgetConfig | null = null;
  private readonly session: VisitorSession;
  private chat: WidgetChat | null = null;
  private status: ConnectionStatus | 'unavailable' = 'connecting';
  /** Pre-chat answers waiting to ride on the visitor's next message. */
  private contact: Contact | null = null;
  private preChatDone = false;
  private ratedTicket: string | null = null;
  private rating: { ticket: string; node: HTMLElement } | null = null;
  private lastReadSent: string | null = null;
  private unseen = 0;
  private agentTyping = false;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly typing: TypingSignal;
  private errorTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: HTMLElement, options: WidgetOptions) {
    this.options = options;
    this.t = translator(options.locale);
    this.session = new VisitorSession(options.api, this.storageKey('visitor'), {
      request: () => ({
        key: options.widgetKey,
        identity: options.identity,
        locale: options.locale,
        page: currentPage(),
      }),
      connected: () => this.connection.start(),
      unavailable: () => {
        this.status = 'unavailable';
        this.render();
      },
      wanted: () => !this.parts.panel.hidden,
    });
    this.parts = buildPanel(this.t);
    host
      .attachShadow({ mode: 'open' })
      .append(el('style', { text: WIDGET_CSS }), this.parts.launcher, this.parts.panel);
    this.connection = new WidgetConnection({
      url: (after) => options.api.socketUrl(this.session.token ?? '', after),
      openSocket: openBrowserSocket,
      lastMessageId: () => this.store.lastMessageId(),
      onFrame: (frame) => this.receive(frame),
      onStatus: (status) => {
        this.status = status;
        this.render();
      },
      outboxStore: tabOutbox(this.storageKey('outbox')),
    });
    this.typing = new TypingSignal((frame) => this.connection.send(frame));
    for (const frame of this.connection.unacknowledged) this.track(frame);
    this.bindEvents();
  }

  /** Loads the configuration; the launcher appears only when the workspace's chat is on and reachable. */
  async start(): Promise<void> {
    try {
      this.config = await this.options.api.config(this.options.widgetKey, this.options.locale);
    } catch {
      return;
    }
    const { parts, config } = this;
    parts.title.textContent = config.workspaceName || this.t('title');
    parts.welcomeText.textContent = config.welcome;
    parts.welcome.hidden = !config.welcome;
    parts.fileInput.accept = config.uploads.types.join(',') || 'image/*,application/pdf';
    parts.launcher.hidden = false;
    // A navigation mid-chat (or a reload with a send in flight) brings the open panel back.
    if (perTab.get(this.storageKey('open')) || this.connection.unacknowledged.length > 0) this.open();
    else this.render();
  }

  open(): void {
    if (!this.config) return;
    this.parts.panel.hidden = false;
    perTab.set(this.storageKey('open'), '1');
    this.unseen = 0;
    void this.session.ensure();
    this.render(true);
    this.parts.input.focus();
  }

  close(): void {
    this.parts.panel.hidden = true;
    perTab.set(this.storageKey('open'), null);
    this.typing.stop();
    this.render();
  }

  toggle(): void {
    if (this.parts.panel.hidden) this.open();
    else this.close();
  }

  private storageKey(what: string) {
    return `kefu:${this.options.widgetKey}:${what}`;
  }

  private receive(frame: WidgetServerFrame): void {
    switch (frame.type) {
      case 'ready':
        this.store.add(frame.history);
        this.chat = frame.chat;
        this.session.confirmed();
        this.sendPage();
        break;
      case 'message':
        this.store.add([frame.message]);
        if (frame.message.direction === 'outbound') {
          this.showAgentTyping(false);
          if (this.parts.panel.hidden) this.unseen++;
        }
        break;
      case 'chat':
        this.chat = frame.chat;
        break;
      case 'typing':
        this.showAgentTyping(frame.typing);
        break;
      case 'ack':
        this.store.acknowledge(frame.clientId, frame.messageId);
        this.sentFrames.delete(frame.clientId);
        break;
      case 'error': {
        const details = [frame.detail, ...(frame.errors ?? []).map((error) => error.message)].filter(Boolean);
        this.flashError(details.length ? `${frame.title}: ${details.join('; ')}` : frame.title);
        if (frame.clientId) this.store.fail(frame.clientId, frame.title);
        else if (frame.status === 401 || frame.status === 403) {
          // 401: the token expired or was revoked — a new session; 403: this site may not embed the chat.
          this.connection.stop();
          if (frame.status === 401) this.session.renew();
          else this.status = 'unavailable';
        }
        break;
      }
      case 'pong':
        return;
    }
    this.render();
  }

  private bindEvents(): void {
    const { parts } = this;
    parts.launcher.addEventListener('click', () => this.toggle());
    parts.close.addEventListener('click', () => this.close());
    parts.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    parts.end.addEventListener('click', () => {
      parts.confirm.hidden = false;
    });
    parts.endNo.addEventListener('click', () => {
      parts.confirm.hidden = true;
    });
    parts.endYes.addEventListener('click', () => {
      parts.confirm.hidden = true;
      if (!this.connection.send({ type: 'end' })) this.flashError(this.t('reconnecting'));
    });
    parts.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendText();
    });
    parts.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter is a new line; Enter that confirms a pinyin candidate (IME) is not a send.
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      this.sendText();
    });
    parts.input.addEventListener('input', () => {
      fitHeight(this.parts.input);
      this.typing.changed(parts.input.value);
    });
    parts.input.addEventListener('blur', () => this.typing.stop());
    parts.upload.addEventListener('click', () => parts.fileInput.click());
    parts.fileInput.addEventListener('change', () => {
      const file = parts.fileInput.files?.[0];
      parts.fileInput.value = '';
      if (file) this.pickFile(file);
    });
    document.addEventListener('visibilitychange', () => this.render());
    // Single-page host sites change pages without a load: tell the agent where the visitor is now.
    const pushState = history.pushState.bind(history);
    history.pushState = (...args: Parameters<History['pushState']>) => {
      pushState(...args);
      setTimeout(() => this.sendPage(), 300);
    };
    window.addEventListener('popstate', () => setTimeout(() => this.sendPage(), 300));
  }

  private track(frame: MessageFrame): void {
    this.sentFrames.set(frame.clientId, frame);
    this.store.addPending({ clientId: frame.clientId, text: frame.text });
  }

  private sendText(): void {
    const text = this.parts.input.value.trim();
    if (!text || !this.config) return;
    const frame: MessageFrame = { type: 'message', clientId: newClientId(), text };
    if (this.contact) frame.contact = this.contact;
    this.contact = null;
    this.parts.input.value = '';
    fitHeight(this.parts.input);
    this.typing.stop();
    this.track(frame);
    this.connection.sendMessage(frame);
    void this.session.ensure();
    this.render(true);
  }

  private pickFile(file: File): void {
    const uploads = this.config?.uploads;
    if (!uploads) return;
    const problem = uploadProblem(uploads, file, this.t);
    if (problem) {
      this.flashError(problem);
      return;
    }
    const clientId = newClientId();
    this.uploads.set(clientId, file);
    this.store.addPending({ clientId, text: '', filename: file.name });
    this.render(true);
    void this.upload(clientId, file);
  }

  private async upload(clientId: string, file: File): Promise<void> {
    try {
      const token = (await this.session.ensure()) ? this.session.token : null;
      if (!token) throw new Error(this.t('unavailable'));
      const { messageId } = await this.options.api.upload(token, file, clientId);
      this.uploads.delete(clientId);
      this.store.acknowledge(clientId, messageId);
    } catch (error) {
      this.store.fail(clientId, error instanceof WidgetRequestError ? error.message : this.t('uploadFailed'));
    }
    this.render();
  }

  private retry(clientId: string): void {
    if (!this.store.retry(clientId)) return;
    const file = this.uploads.get(clientId);
    const frame = this.sentFrames.get(clientId);
    if (file) void this.upload(clientId, file);
    else if (frame) this.connection.sendMessage(frame);
    this.render();
  }

  private rate(score: number, comment: string): void {
    const ticket = this.chat?.ticketNumber;
    if (!ticket) return;
    if (!this.connection.send({ type: 'rate', score, ...(comment ? { comment } : {}) })) {
      this.flashError(this.t('reconnecting'));
      return;
    }
    this.ratedTicket = ticket;
    this.render();
  }

  private showAgentTyping(typing: boolean): void {
    clearTimeout(this.agentTypingTimer);
    this.agentTyping = typing;
    if (typing) {
      this.agentTypingTimer = setTimeout(() => {
        this.agentTyping = false;
        this.render();
      }, AGENT_TYPING_TIMEOUT_MS);
    }
  }

  private sendPage(): void {
    this.connection.send({ type: 'page', ...currentPage() });
  }

  private flashError(text: string): void {
    const { error } = this.parts;
    error.textContent = text;
    error.hidden = false;
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => {
      error.hidden = true;
    }, ERROR_SHOWN_MS);
  }

  /** An ended chat: the notice, then the rating card (kept across renders) or the thanks once rated. */
  private endedView(chat: WidgetChat): HTMLElement[] {
    if (this.rating?.ticket !== chat.ticketNumber) {
      const node = ratingCard(chat.ratingScale, this.t, (score, comment) => this.rate(score, comment));
      this.rating = { ticket: chat.ticketNumber, node };
    }
    const rated = chat.rating !== null || this.ratedTicket === chat.ticketNumber;
    return [
      el('div', { className: 'notice', text: this.t('ended') }),
      rated
        ? el('div', { className: 'notice', 'data-kefu': 'thanks', text: this.t('thanks') })
        : this.rating.node,
    ];
  }

  private render(scrollToEnd = false): void {
    const { parts, t, config, chat, store } = this;
    if (!config) return;
    renderChrome(parts, t, this.options.locale, {
      config,
      chat,
      status: this.status,
      agentTyping: this.agentTyping,
      unseen: this.unseen,
    });
    const log = parts.messages;
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const items = store.items();
    const nodes: HTMLElement[] = store.hasHistory() ? [] : [parts.welcome];
    nodes.push(
      ...this.list.render(items, {
        t,
        locale: this.options.locale,
        agentReadAt: chat?.agentReadAt ?? null,
        fileUrl: (path) => this.options.api.fileUrl(this.session.token ?? '', path),
        retry: (clientId) => this.retry(clientId),
      }),
    );
    if (chat?.state === 'ended') nodes.push(...this.endedView(chat));
    log.replaceChildren(...nodes);
    if (scrollToEnd || atEnd) log.scrollTop = log.scrollHeight;

    const preChat = config.preChat;
    const needsPreChat =
      preChat.enabled && preChat.fields.length > 0 && !this.preChatDone && items.length === 0;
    if (needsPreChat && !parts.preChatSlot.firstChild) {
      parts.preChatSlot.append(
        preChatForm(preChat.fields, t, (contact) => {
          this.contact = contact;
          this.preChatDone = true;
          this.render();
          parts.input.focus();
        }),
      );
    }
    if (!needsPreChat) parts.preChatSlot.replaceChildren();
    parts.composer.hidden = needsPreChat;
    this.markRead();
  }

  /** Read receipts for the agent: once per newest team message, while the visitor can actually see the panel. */
  private markRead(): void {
    if (this.parts.panel.hidden || document.visibilityState !== 'visible') return;
    const newest = this.store.newestOutboundId();
    if (newest && newest !== this.lastReadSent && this.connection.send({ type: 'read', upTo: newest })) {
      this.lastReadSent = newest;
    }
  }
}
