package org.neuroform.repl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void valuesHaveTheRequestedSignificantDigits() {
        assertEquals("0.606530659713", Numbers.value(Math.exp(-0.5)));
        assertEquals("0.6065", Numbers.value(Math.exp(-0.5), 4));
        assertEquals("1.23456789012e-07", Numbers.value(1.23456789012e-7));
        assertEquals("0", Numbers.value(0));
        assertEquals("NaN", Numbers.value(Double.NaN));
    }

    @Test
    void compactFormsDropTrailingZeros() {
        assertEquals("0.5", Numbers.compact(0.5, 4));
        assertEquals("0.3927", Numbers.compact(Math.PI / 8, 4));
        assertEquals("1e-05", Numbers.compact(1e-5, 4));
        assertEquals("1.5e-05", Numbers.compact(1.5e-5, 4));
        assertEquals("12000", Numbers.compact(12000, 4));
    }

    @Test
    void tablesAlignRight() {
        Table table = new Table(java.util.List.of("x", "value"));
        table.add(java.util.List.of("0", "1"));
        table.add(java.util.List.of("0.25", "-0.5"));
        assertEquals("   x  value\n----  -----\n   0      1\n0.25   -0.5\n", table.render());
    }
}
