import type { WidgetSessionRequest } from '@shared/web-chat';
import { widgetApi } from './api';
import { resolveLocale } from './i18n';
import { Widget } from './widget';

/** What the host page may set before the script: `window.KefuSettings = { locale, identity }`. */
interface KefuSettings {
  locale?: string;
  identity?: WidgetSessionRequest['identity'];
}

interface KefuWindow {
  KefuSettings?: KefuSettings;
  KefuWidget?: { open(): void; close(): void; toggle(): void };
}

// currentScript is only set while this script first runs; the selector finds it when a loader injected it late.
const script = (document.currentScript ??
  document.querySelector('script[data-key][src*="widget"]')) as HTMLScriptElement | null;
const host = window as unknown as KefuWindow;

function boot(scriptElement: HTMLScriptElement, widgetKey: string): void {
  const settings = host.KefuSettings ?? {};
  const element = document.createElement('div');
  element.setAttribute('data-kefu-widget', '');
  document.body.append(element);
  const widget = new Widget(element, {
    api: widgetApi(new URL(scriptElement.src).origin),
    widgetKey,
    locale: resolveLocale(settings.locale, navigator.language),
    identity: settings.identity ?? null,
  });
  // The one global the widget adds: the host page can open the chat from its own "contact us" button.
  host.KefuWidget = { open: () => widget.open(), close: () => widget.close(), toggle: () => widget.toggle() };
  void widget.start();
}

const widgetKey = script?.dataset.key;
if (script && widgetKey && !host.KefuWidget) {
  if (document.body) boot(script, widgetKey);
  else document.addEventListener('DOMContentLoaded', () => boot(script, widgetKey), { once: true });
}
