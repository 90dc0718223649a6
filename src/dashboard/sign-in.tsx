import { useState } from "preact/hooks";
import { ApiRequestError, type Credentials, createApi } from "./api";

/** The API key form: checks the key against GET /v1/account/info before keeping it. */
export function SignIn({ onSignedIn }: { onSignedIn(credentials: Credentials): void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const credentials = { key: String(form.get("key") ?? "").trim(), secret: String(form.get("secret") ?? "") };
    if (!credentials.key || !credentials.secret) {
      setError("Enter both the API key and its secret.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await createApi(credentials).accountInfo();
      onSignedIn(credentials);
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError && caught.status === 401
          ? "That key and secret were not accepted."
          : `Could not sign in: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>fivetran.do</h1>
      <p>Sign in with an API key. The secret stays in this browser tab only and is sent to this server alone.</p>
      <form onSubmit={submit} class="panel" aria-describedby={error ? "sign-in-error" : undefined}>
        <label for="key">API key</label>
        <input id="key" name="key" autocomplete="username" required spellcheck={false} />
        <label for="secret">API secret</label>
        <input id="secret" name="secret" type="password" autocomplete="current-password" required />
        {error ? (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
