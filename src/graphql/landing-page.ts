import type { ApolloServerPlugin } from "@apollo/server";

/**
 * A self-contained page to try queries locally (no CDN: it works offline). Served only when
 * local development is on; in AWS the landing page is disabled.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Safeguarding Learning &amp; Improvement API (local)</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}textarea,input{width:100%;font:13px ui-monospace,monospace;box-sizing:border-box}
textarea{height:14rem}pre{background:#f4f4f4;padding:1rem;overflow:auto;max-height:30rem}button{margin-top:.5rem;padding:.4rem 1.2rem}</style></head>
<body><h1>Safeguarding Learning &amp; Improvement API <small>(local)</small></h1>
<p>Get a token with <code>npm run --silent token -- --role BUSINESS_UNIT</code> and paste it below.</p>
<label>Token<input id="token" placeholder="eyJ..."></label>
<label>Query<textarea id="query">query Cases {
  partnership { name }
  cases(first: 5) {
    edges { node { id pseudonym agencies { name } identity { childName } } }
    pageInfo { hasNextPage endCursor }
  }
}</textarea></label>
<label>Variables (JSON)<input id="variables" value="{}"></label>
<button id="run">Run</button><pre id="out"></pre>
<script>
document.getElementById('run').onclick = async () => {
  const headers = {'content-type': 'application/json'};
  const token = document.getElementById('token').value.trim();
  if (token) headers.authorization = 'Bearer ' + token;
  const res = await fetch(location.pathname, {method: 'POST', headers, body: JSON.stringify({
    query: document.getElementById('query').value,
    variables: JSON.parse(document.getElementById('variables').value || '{}')})});
  document.getElementById('out').textContent = JSON.stringify(await res.json(), null, 2);
};
</script></body></html>`;

export function localLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: PAGE };
        },
      };
    },
  };
}
