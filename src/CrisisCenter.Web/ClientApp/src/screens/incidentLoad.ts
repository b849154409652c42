// The first step of every screen about one incident: load it, or show why not.

import type { IncidentDetail } from "../api/types";
import type { LiveIncident } from "../app/liveIncident";
import { replaceChildren } from "../ui/dom";
import { alertBox } from "../ui/forms";
import { isAbort } from "./screen";

/** The incident behind a screen, or null when there is nothing to render: the user left (aborted), or the load
 * failed and the problem now fills the screen's element. */
export async function loadIncidentOrShowProblem(live: LiveIncident, element: HTMLElement): Promise<IncidentDetail | null> {
  try {
    return await live.load();
  } catch (error) {
    if (isAbort(error)) return null;
    replaceChildren(element, alertBox(error));
    element.removeAttribute("aria-busy");
    return null;
  }
}
