package org.neuroform.repl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngPlotTest {
    @TempDir
    Path tmp;

    @Test
    void writesAPngWithTheCurvesDrawn() throws Exception {
        int n = 200;
        double[] xs = new double[n];
        double[] sine = new double[n];
        double[] cosine = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 2 * Math.PI * i / (n - 1);
            sine[i] = Math.sin(xs[i]);
            cosine[i] = i == 50 ? Double.NaN : Math.cos(xs[i]);
        }
        Path file = tmp.resolve("plot.png");
        PngPlot.write(file, "sin, cos", "x", xs, List.of(new Curve("sin", sine), new Curve("cos", cosine)));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(PngPlot.WIDTH, image.getWidth());
        assertEquals(PngPlot.HEIGHT, image.getHeight());
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 200 && g < 120 && b < 120) {
                    red++;
                }
            }
        }
        assertTrue(red > 500, "the first series is drawn in JFreeChart's red: " + red + " red pixels");
    }
}
