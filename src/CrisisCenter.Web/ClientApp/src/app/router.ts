// Hash routes: the page never reloads, so the live connection survives navigation.

export type Route =
  | { name: "sign-in" }
  | { name: "board" }
  | { name: "approvals" }
  | { name: "kpis"; agency: string | null; from: string | null; to: string | null }
  | { name: "incident"; incidentId: string }
  | { name: "rumors"; incidentId: string }
  | { name: "new-statement"; incidentId: string; kind: string | null; rumorId: string | null; statementId: string | null }
  | { name: "statement"; incidentId: string; statementId: string }
  | { name: "not-found" };

const guid = "[0-9a-fA-F-]{36}";

export function parseRoute(hash: string): Route {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search);
  let match: RegExpExecArray | null;
  if (path === "" || path === "/" || path === "/board") return { name: "board" };
  if (path === "/sign-in") return { name: "sign-in" };
  if (path === "/approvals") return { name: "approvals" };
  if (path === "/kpis") return { name: "kpis", agency: params.get("agency"), from: params.get("from"), to: params.get("to") };
  if ((match = new RegExp(`^/incidents/(${guid})$`).exec(path))) return { name: "incident", incidentId: match[1]! };
  if ((match = new RegExp(`^/incidents/(${guid})/rumors$`).exec(path))) return { name: "rumors", incidentId: match[1]! };
  if ((match = new RegExp(`^/incidents/(${guid})/statements/new$`).exec(path)))
    return { name: "new-statement", incidentId: match[1]!, kind: params.get("kind"), rumorId: params.get("rumor"), statementId: params.get("statement") };
  if ((match = new RegExp(`^/incidents/(${guid})/statements/(${guid})$`).exec(path)))
    return { name: "statement", incidentId: match[1]!, statementId: match[2]! };
  return { name: "not-found" };
}

export const routes = {
  board: () => "/board",
  approvals: () => "/approvals",
  kpis: () => "/kpis",
  signIn: () => "/sign-in",
  incident: (id: string) => `/incidents/${id}`,
  rumors: (id: string) => `/incidents/${id}/rumors`,
  statement: (id: string, statementId: string) => `/incidents/${id}/statements/${statementId}`,
  newStatement: (id: string, options: { kind?: string; rumorId?: string; statementId?: string } = {}) => {
    const params = new URLSearchParams();
    if (options.kind) params.set("kind", options.kind);
    if (options.rumorId) params.set("rumor", options.rumorId);
    if (options.statementId) params.set("statement", options.statementId);
    const search = params.toString();
    return `/incidents/${id}/statements/new${search ? "?" + search : ""}`;
  },
};

export function navigate(route: string): void {
  if (location.hash === "#" + route) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = route;
}
