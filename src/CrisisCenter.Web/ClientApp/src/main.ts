// Entry point of the dashboard. The real screens arrive with the live-timeline work; until then this
// shows who is signed in, so the build pipeline (npm ci + typecheck + bundle inside dotnet build) is exercised.
import { HubConnectionBuilder } from "@microsoft/signalr";

export const hubUrl = "/hubs/timeline";
export const createConnection = () => new HubConnectionBuilder().withUrl(hubUrl).withAutomaticReconnect().build();

async function showSignedInUser(): Promise<void> {
  const target = document.getElementById("who");
  if (!target) return;
  const response = await fetch("/api/auth/me", { credentials: "same-origin" });
  target.textContent = response.ok ? (await response.json() as { displayName: string }).displayName : "—";
}

void showSignedInUser();
