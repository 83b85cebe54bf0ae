/**
 * The analysts' web page for offer rules ({@code /rules}): upload, errors at their cells, warnings, versions with
 * their diff, activate, simulate, download the template. Server-rendered HTML, no JavaScript; it uses the rules
 * module's published API and the offer module's simulation.
 */
package io.aftersaleshub.analyst;
