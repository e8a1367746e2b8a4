package org.neuroform.runtime.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.nn.TaylorMlp;

/**
 * ND4J stays in this package: no other runtime class names an ND4J type or a class of this
 * package in its constant pool, so choosing {@link Backend#JAVA} (and {@code neuroform check})
 * never loads ND4J.
 */
class Nd4jConfinementTest {

    @Test
    void onlyThisPackageRefersToNd4j() throws IOException, URISyntaxException {
        Path classes = Path.of(Backend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path nd4jPackage = classes.resolve("org/neuroform/runtime/nd4j");
        List<Path> offenders;
        int scanned;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> outside = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.startsWith(nd4jPackage))
                    .collect(Collectors.toList());
            scanned = outside.size();
            offenders = outside.stream().filter(Nd4jConfinementTest::namesNd4j).collect(Collectors.toList());
        }
        assertTrue(scanned > 10, "scanned the runtime's classes in " + classes);
        assertEquals(List.of(), offenders);
    }

    private static boolean namesNd4j(Path classFile) {
        try {
            // Class names in the constant pool are UTF-8 with slashes; Backend's dotted string does not match.
            String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return text.contains("org/nd4j/") || text.contains("org/bytedeco/") || text.contains("org/neuroform/runtime/nd4j/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void backendsBuildTheirOwnNetworks() {
        NetworkShape shape = NetworkShape.of(List.of(4), 2, NetworkShape.Activation.TANH, 0, 1);
        assertTrue(Backend.JAVA.network(shape) instanceof TaylorMlp);
        assertTrue(Backend.ND4J.network(shape) instanceof Nd4jTaylorNetwork);
        for (NetworkShape.Activation activation : NetworkShape.Activation.values()) {
            assertTrue(Backend.JAVA.supports(activation));
            assertEquals(Nd4jTaylorNetwork.supports(activation), Backend.ND4J.supports(activation));
        }
        assertFalse(Backend.ND4J.networks(List.of(3), NetworkShape.Activation.SIN, 0, 1).apply(1) instanceof TaylorMlp);
    }
}
