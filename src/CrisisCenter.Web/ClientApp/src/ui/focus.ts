// Live updates re-draw parts of a screen while someone may be typing or tabbing through it.

/** Runs `render` and gives focus back to the element that had it, when that element is still on the page
 * (re-attached nodes lose focus; the user should not). */
export function keepingFocus(render: () => void): void {
  const active = document.activeElement;
  render();
  if (active instanceof HTMLElement && active !== document.body && active.isConnected && document.activeElement !== active) {
    active.focus({ preventScroll: true });
  }
}
