package io.portwatch.registry.iana;

/** The file given as IANA's registry is not in its CSV format; nothing is imported. */
public class IanaFormatException extends RuntimeException {

    public IanaFormatException(String message) {
        super(message);
    }

    public IanaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
