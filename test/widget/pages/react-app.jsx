/**
 * A React 19 page as a marketer's developer writes it: React renders the
 * form's element first and loads widget.js only afterwards, so every prop is
 * set on an element that is not defined yet. The test bundles this file with
 * esbuild and serves it.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [lang, setLang] = useState('en');
  useEffect(() => {
    // widget.js after React's first commit, as a tag manager or a lazy loader would add it.
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/widget.js';
    document.body.append(script);
  }, []);
  return (
    <main>
      <button type="button" id="german" onClick={() => setLang('de')}>
        Deutsch
      </button>
      <demo-booking id="json" mode="request" lang={lang} labels={JSON.stringify({ submit: 'Book it now' })} />
      <demo-booking id="object" mode="request" labels={{ submit: 'Never shown' }} />
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);
