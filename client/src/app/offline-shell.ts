/**
 * Registers the service worker that lets the app open offline, and hands it the assets this page
 * has loaded: those fetched before the worker took control would otherwise not be cached.
 */
export const registerOfflineShell = (): void => {
  if (!('serviceWorker' in window.navigator)) return
  window.navigator.serviceWorker.register('/sw.js').then(keepLoadedAssets, () => {
    // Without a service worker the app still works online; only offline reloads are lost.
  })
}

export const keepLoadedAssets = (): void => {
  if (!('serviceWorker' in window.navigator)) return
  void window.navigator.serviceWorker.ready.then((registration) => {
    const urls = window.performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.startsWith(`${window.location.origin}/`))
    // The worker keeps only the assets and the few API answers it knows the editor needs.
    registration.active?.postMessage({ type: 'keep', urls })
  })
}
