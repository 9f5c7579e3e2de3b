// Mufakat's service worker: just enough for the app to open offline. The built assets are
// content-hashed, so they are cached on first use and served from the cache; the page itself
// and the few API answers the editor needs are fetched from the network first and only fall back
// to the cache when offline. Tokens are never cached: they live in an HttpOnly cookie.
const shellCache = 'mufakat-shell-v1'
const apiCache = 'mufakat-api'
// Only what the editor needs to reopen a document: who I am and the document's rooms.
const cachedApi = /^\/api\/workspaces\/[^/]+\/(me|documents\/[^/]+)$/
// Private answers (a caucus) are never cached, even should the list above grow.
const privateApi = /^\/api\/caucuses\//
const cacheable = (path) => cachedApi.test(path) && !privateApi.test(path)

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(shellCache)
      .then((cache) => cache.add('/'))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

// The page lists what it has loaded (some of it before this worker took control): the assets,
// and the API answers its document needs, so that a reload offline finds them.
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.type === 'keep' ? event.data.urls : []
  event.waitUntil(
    Promise.all(
      urls.map(async (url) => {
        const path = new URL(url).pathname
        if (path.startsWith('/assets/')) {
          const cache = await caches.open(shellCache)
          if (!(await cache.match(url))) await cache.add(url).catch(() => {})
        } else if (cacheable(path)) {
          const cache = await caches.open(apiCache)
          await cache.add(url).catch(() => {})
        }
      }),
    ),
  )
})

const networkFirst = async (request, cacheName, key) => {
  const cache = await caches.open(cacheName)
  try {
    const response = await fetch(request)
    if (response.ok) await cache.put(key || request, response.clone())
    return response
  } catch (error) {
    const cached = await cache.match(key || request)
    if (cached) return cached
    throw error
  }
}

const cacheFirst = async (request) => {
  const cache = await caches.open(shellCache)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, shellCache, '/'))
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request))
  } else if (cacheable(url.pathname)) {
    event.respondWith(networkFirst(request, apiCache))
  }
})
