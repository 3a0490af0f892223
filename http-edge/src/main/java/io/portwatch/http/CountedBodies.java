package io.portwatch.http;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of every body as a resource reads it and stops at the limit {@link BodySizeLimit} set for the
 * request, so a body sent without a length (chunked) is refused with 413 like one that declares its length.
 */
@Provider
public class CountedBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getProperty(BodySizeLimit.LIMIT_PROPERTY) instanceof Integer limit) {
            context.setInputStream(new Limited(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    /** A stream that fails with {@link BodyTooLargeException} once more than {@code limit} bytes came through it. */
    private static final class Limited extends FilterInputStream {

        private final int limit;
        private long count;

        Limited(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
