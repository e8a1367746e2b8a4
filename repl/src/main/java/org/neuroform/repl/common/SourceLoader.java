package org.neuroform.repl.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.neuroform.diagnostic.SourceFile;

/** Reads an .ode file, turning every way that can fail into a message for the user. */
public final class SourceLoader {
    /** Larger inputs are refused before reading: no .ode file is anywhere near this. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    /** Why a file could not be loaded. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadException(String message) {
            super(message);
        }
    }

    private SourceLoader() {}

    public static SourceFile load(Path path) throws LoadException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new LoadException(name + ": is a directory, not an .ode file");
        }
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new LoadException(name + ": file too large (" + size + " bytes; the limit is " + MAX_BYTES + ")");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new LoadException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new LoadException(name + ": permission denied");
        } catch (IOException e) {
            throw new LoadException(name + ": cannot read (" + e.getMessage() + ")");
        }
        String text;
        try {
            text = org.neuroform.diagnostic.TextBytes.decode(bytes);
        } catch (org.neuroform.diagnostic.TextBytes.NotText e) {
            throw new LoadException(name + ": " + e.getMessage());
        }
        return new SourceFile(name, text);
    }
}
