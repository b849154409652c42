// Entry point of the dashboard: restores the session, starts the live connection, and shows the screen the
// address names. Loaded as a module from index.html (no inline script: the page runs under a strict CSP).
import { auth } from "./api/endpoints";
import { whenUnauthorized } from "./api/http";
import type { Me } from "./api/types";
import { loadReference } from "./app/reference";
import { navigate, parseRoute, routes, type Route } from "./app/router";
import { session } from "./app/session";
import { createShell } from "./app/shell";
import { applyDocumentLanguage, onLocaleChange, t, tx } from "./i18n/i18n";
import { timelineHub } from "./live/timelineHub";
import { approvalsScreen } from "./screens/approvals";
import { boardScreen } from "./screens/board";
import { incidentScreen } from "./screens/incident";
import { kpisScreen } from "./screens/kpis";
import { rumorsScreen } from "./screens/rumors";
import type { Screen } from "./screens/screen";
import { signInScreen } from "./screens/signIn";
import { statementEditorScreen } from "./screens/statementEditor";
import { appLink, h } from "./ui/dom";

const hub = timelineHub;
let screen: Screen | null = null;
let afterSignIn: string | null = null;
let firstScreen = true;

const shell = createShell(hub, () => void signOut());

function build(route: Route): Screen {
  switch (route.name) {
    case "sign-in":
      return signInScreen((user) => void signedIn(user));
    case "board":
      return boardScreen(hub);
    case "approvals":
      return approvalsScreen(hub);
    case "kpis":
      return kpisScreen(route);
    case "incident":
      return incidentScreen(hub, route.incidentId);
    case "rumors":
      return rumorsScreen(hub, route.incidentId);
    case "statement":
      return statementEditorScreen(hub, { incidentId: route.incidentId, statementId: route.statementId, kind: null, rumorId: null, referencesStatementId: null });
    case "new-statement":
      return statementEditorScreen(hub, { incidentId: route.incidentId, statementId: null, kind: route.kind, rumorId: route.rumorId, referencesStatementId: route.statementId });
    case "not-found":
      return {
        element: h("section", { class: "screen" }, h("h1", null, tx("notFound.title")), h("p", null, appLink(routes.board(), null, tx("nav.board")))),
        title: () => t("notFound.title"),
        dispose: () => {},
      };
  }
}

function show(): void {
  const route = parseRoute(location.hash);
  if (!session.user && route.name !== "sign-in") {
    afterSignIn = location.hash.replace(/^#/, "") || null;
    navigate(routes.signIn());
    return;
  }
  if (session.user && route.name === "sign-in") {
    navigate(routes.board());
    return;
  }
  screen?.dispose();
  screen = build(route);
  shell.setActive(route.name);
  shell.main.replaceChildren(screen.element);
  updateTitle();
  // Moving focus to <main> tells keyboard and screen-reader users that the page changed.
  if (!firstScreen && route.name !== "sign-in") shell.main.focus({ preventScroll: false });
  firstScreen = false;
  window.scrollTo(0, 0);
}

function updateTitle(): void {
  const title = screen?.title() ?? "";
  document.title = title ? `${title} — ${t("app.name")}` : t("app.name");
}

async function signedIn(user: Me): Promise<void> {
  session.set(user);
  await loadReference();
  hub.start();
  shell.setUser();
  const target = afterSignIn && afterSignIn !== routes.signIn() ? afterSignIn : routes.board();
  afterSignIn = null;
  navigate(target);
}

async function signOut(): Promise<void> {
  await auth.signOut().catch(() => {});
  await endSession();
}

async function endSession(): Promise<void> {
  session.set(null);
  await hub.stop();
  shell.setUser();
  navigate(routes.signIn());
}

async function start(): Promise<void> {
  applyDocumentLanguage();
  const root = document.getElementById("app") ?? document.body;
  root.replaceChildren(shell.element);
  try {
    session.set(await auth.me());
  } catch {
    session.set(null);
  }
  if (session.user) {
    await loadReference();
    hub.start();
  }
  shell.setUser();
  whenUnauthorized(() => {
    if (session.user) void endSession();
  });
  onLocaleChange(updateTitle);
  window.addEventListener("hashchange", show);
  show();
}

void start();
