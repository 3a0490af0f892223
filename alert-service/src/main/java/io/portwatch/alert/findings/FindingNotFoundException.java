package io.portwatch.alert.findings;

/** No finding has this id; answered 404. */
public class FindingNotFoundException extends RuntimeException {

    public FindingNotFoundException(String findingId) {
        super("no finding has the id '" + findingId + "'");
    }
}
