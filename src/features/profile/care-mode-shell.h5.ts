/**
 * H5: a class on <html> so app.css can enlarge Taro's tab bar, which lives outside every page.
 * (A class, not `data-care-mode`: that attribute belongs to the page root alone.)
 */
export function applyCareModeToShell(enabled: boolean): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.toggle('app-care', enabled);
}
