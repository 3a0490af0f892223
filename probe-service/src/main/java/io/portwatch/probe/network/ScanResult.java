package io.portwatch.probe.network;

import io.portwatch.events.listener.Listener;

import java.util.List;

/**
 * What one scan found on one address.
 *
 * @param address      the scanned address
 * @param listeners    the open ports, with their evidence (exposure REACHABLE)
 * @param openFiltered UDP ports that neither answered nor were refused: open|filtered, as nmap says
 */
public record ScanResult(String address, List<Listener> listeners, List<Integer> openFilteredUdp) {
}
