// Material for MkDocs (and Zensical) expects these globals before its bundle runs. Its own copy is an
// inline script; this file does the same job so that the Content-Security-Policy can
// forbid inline scripts. The scope comes from the script tag's data attribute.
/* eslint-disable no-var */
var __md_scope = new URL(/** @type {HTMLScriptElement} */ (document.currentScript).dataset.mdScope || ".", location.href);
// Zensical's own copy also makes the scope a folder and names the platform for its CSS (the
// search button's keyboard hint); both are harmless under Material.
if (!__md_scope.pathname.endsWith("/")) __md_scope = new URL(__md_scope.pathname + "/", location.href);
document.documentElement.setAttribute("data-platform", navigator.platform);
/** @param {string} value */
var __md_hash = function (value) {
  return Array.from(value).reduce(function (hash, ch) { return (hash << 5) - hash + ch.charCodeAt(0); }, 0);
};
// Both read localStorage inside their try: where storage is blocked, reading it throws.
/** @param {string} key @param {Storage} [storage] @param {URL} [scope] @returns {any} */
var __md_get = function (key, storage, scope) {
  scope = scope || __md_scope;
  try { return JSON.parse((storage || localStorage).getItem(scope.pathname + "." + key) || "null"); } catch (e) { return null; }
};
/** @param {string} key @param {unknown} value @param {Storage} [storage] @param {URL} [scope] */
var __md_set = function (key, value, storage, scope) {
  scope = scope || __md_scope;
  try { (storage || localStorage).setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
};
