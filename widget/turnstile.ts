/**
 * Cloudflare Turnstile, loaded only when the element has a site key. The
 * script is fetched once per page (explicit rendering) and renders into an
 * element the widget owns; the token arrives through `onToken`.
 */

interface TurnstileApi {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
let loading: Promise<TurnstileApi> | undefined;

function load(): Promise<TurnstileApi> {
  loading ??= new Promise((resolve, reject) => {
    if (window.turnstile) return resolve(window.turnstile);
    const script = document.createElement('script');
    script.src = SCRIPT;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('Turnstile did not load')));
    script.onerror = () => reject(new Error('Turnstile did not load'));
    document.head.append(script);
  });
  return loading;
}

/**
 * Renders Turnstile into `container`.
 *
 * @returns a function that asks for a fresh token (after one expired or was used).
 */
export async function renderTurnstile(container: HTMLElement, siteKey: string, onToken: (token: string) => void): Promise<() => void> {
  const api = await load();
  const id = api.render(container, {
    sitekey: siteKey,
    callback: onToken,
    'expired-callback': () => onToken(''),
    'error-callback': () => onToken(''),
  });
  return () => {
    onToken('');
    api.reset(id);
  };
}
