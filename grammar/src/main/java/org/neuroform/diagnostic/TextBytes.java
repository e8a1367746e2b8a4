package org.neuroform.diagnostic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A file's bytes as text, or why they are not text: what both problem files and data files accept. */
public final class TextBytes {
    /** Why bytes are not text; the message completes "FILE: …" ("not valid UTF-8 text"). */
    public static final class NotText extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean binary;

        NotText(String message, boolean binary) {
            super(message);
            this.binary = binary;
        }

        /** True when the bytes hold NUL bytes (a binary file), false when they are not valid UTF-8. */
        public boolean binary() {
            return binary;
        }
    }

    private TextBytes() {}

    /** Strict UTF-8 text; a NUL byte or a malformed sequence is refused, never replaced. */
    public static String decode(byte[] bytes) throws NotText {
        for (byte b : bytes) {
            if (b == 0) {
                throw new NotText("not a text file (it contains NUL bytes)", true);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotText("not valid UTF-8 text", false);
        }
    }
}
