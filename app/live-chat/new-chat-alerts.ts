/** How the desk hears about a new waiting chat: a short beep (no sound file) and a desktop notification. */

let audio: AudioContext | null = null;

/** Two short tones; silent when the browser has not allowed sound yet (no click on the page so far). */
export function playChatBeep(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const context = audio;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1175],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const start = context.currentTime + offset;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.15);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.16);
    }
  } catch {
    // No Web Audio (an old or locked-down browser): the badge and the list still show the chat.
  }
}

export const desktopNotificationsSupported = (): boolean => typeof Notification !== 'undefined';

export function desktopNotificationsAllowed(): boolean {
  return desktopNotificationsSupported() && Notification.permission === 'granted';
}

/** A desktop notification that brings the tab forward and opens the chat when clicked. */
export function showChatNotification(options: {
  title: string;
  body: string;
  tag: string;
  onClick: () => void;
}) {
  if (!desktopNotificationsAllowed()) return;
  try {
    const notification = new Notification(options.title, { body: options.body, tag: options.tag });
    notification.onclick = () => {
      window.focus();
      options.onClick();
      notification.close();
    };
  } catch {
    // Some mobile browsers only notify from a service worker; the in-page beep still sounds.
  }
}
