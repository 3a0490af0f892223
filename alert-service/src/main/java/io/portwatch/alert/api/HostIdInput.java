package io.portwatch.alert.api;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.HostIds;
import io.portwatch.http.BadInputException;

/**
 * A host id or asset id given to the API, in the form the service stores: a network host
 * {@code <address>@<zone>} and a bare address with the address canonical ({@link Addresses}), so
 * {@code 0:0:0:0:0:0:0:1@lab} finds {@code ::1@lab}; a node or namespace id as given.
 */
final class HostIdInput {

    private HostIdInput() {
    }

    /**
     * The canonical id, or null when {@code text} is null or blank.
     *
     * @throws BadInputException when it is longer than {@link ContractLimits#NAME}, holds a control character, or has
     *                           the shape of a network host id ({@code …@zone}, no {@code /}) without an IP address
     *                           before the {@code @} or a zone after it
     */
    static String canonical(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String id = text.strip();
        if (id.length() > ContractLimits.NAME) {
            throw new BadInputException(name + " is longer than " + ContractLimits.NAME + " characters");
        }
        if (ControlCharacters.present(id)) {
            throw new BadInputException(name + " holds a control character: " + ControlCharacters.escapeAndCut(id, 80));
        }
        int at = id.lastIndexOf(HostIds.ZONE_SEPARATOR);
        if (at < 0 || id.indexOf(HostIds.NODE_SEPARATOR) >= 0) {
            return Addresses.canonical(id).orElse(id);
        }
        String zone = id.substring(at + 1);
        String address = Addresses.canonical(id.substring(0, at)).orElseThrow(() -> new BadInputException(name + " '"
                + ControlCharacters.escapeAndCut(id, 80) + "' is not <address>@<zone>: no IP address before the @"));
        if (zone.isEmpty()) {
            throw new BadInputException(name + " '" + ControlCharacters.escapeAndCut(id, 80) + "' has no zone after the @");
        }
        return address + HostIds.ZONE_SEPARATOR + zone;
    }
}
