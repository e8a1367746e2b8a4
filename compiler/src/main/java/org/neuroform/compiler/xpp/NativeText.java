package org.neuroform.compiler.xpp;

import java.util.ArrayList;
import java.util.List;

/**
 * The native text being written, with where each piece came from in the XPP file: a token
 * copied from XPP maps character by character, text the translation adds maps to the XPP
 * statement it belongs to.
 */
final class NativeText {
    /** native [start, end) came from XPP [xppStart, xppEnd). */
    private record Piece(int start, int end, int xppStart, int xppEnd) {}

    private final StringBuilder text = new StringBuilder();
    private final List<Piece> pieces = new ArrayList<>();
    private int anchorStart;
    private int anchorEnd;

    /** The XPP text the following additions belong to (their statement). */
    void anchor(int xppStart, int xppEnd) {
        anchorStart = xppStart;
        anchorEnd = Math.max(xppStart, xppEnd);
    }

    /** Text of the translation's own. */
    NativeText add(String s) {
        if (!s.isEmpty()) {
            pieces.add(new Piece(text.length(), text.length() + s.length(), anchorStart, anchorEnd));
            text.append(s);
        }
        return this;
    }

    /** A token that stands for XPP text at {@code xppStart} of length {@code xppLength}. */
    NativeText token(String s, int xppStart, int xppLength) {
        pieces.add(new Piece(text.length(), text.length() + s.length(), xppStart, xppStart + xppLength));
        text.append(s);
        return this;
    }

    NativeText line() {
        return add("\n");
    }

    String text() {
        return text.toString();
    }

    int length() {
        return text.length();
    }

    /** The XPP range a native range [start, end) stands for. */
    int[] map(int start, int end) {
        Piece first = pieceAt(start);
        Piece last = pieceAt(Math.max(start, end - 1));
        int xppStart = first == null ? 0 : first.xppEnd - first.xppStart == first.end - first.start
                ? first.xppStart + (start - first.start) : first.xppStart;
        int xppEnd = last == null ? xppStart : last.xppEnd - last.xppStart == last.end - last.start
                ? last.xppStart + (Math.max(start, end - 1) - last.start) + 1 : last.xppEnd;
        return new int[] {xppStart, Math.max(xppStart, xppEnd)};
    }

    private Piece pieceAt(int offset) {
        int lo = 0;
        int hi = pieces.size() - 1;
        Piece best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Piece p = pieces.get(mid);
            if (p.start <= offset) {
                best = p;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }
}
