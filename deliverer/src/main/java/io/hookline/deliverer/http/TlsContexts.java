package io.hookline.deliverer.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client TLS context: TLS 1.2 and 1.3 only, hostname verification on, trusting the JDK's CAs
 * plus the certificates of {@code hookline.delivery.extra-ca-certs} when set.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    static SslContext client(Path extraCaCerts) {
        try {
            return SslContextBuilder.forClient()
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm("HTTPS")
                    .trustManager(trust(extraCaCerts))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trust(Path extraCaCerts) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jdkDefaultCas()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            if (extraCaCerts != null) {
                Collection<? extends Certificate> extra = readPem(extraCaCerts);
                if (extra.isEmpty()) {
                    throw new IllegalStateException("hookline.delivery.extra-ca-certs holds no certificate: " + extraCaCerts);
                }
                for (Certificate certificate : extra) {
                    store.setCertificateEntry("extra-" + n++, certificate);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the TLS trust store: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jdkDefaultCas() throws GeneralSecurityException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        for (TrustManager manager : jdk.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    private static Collection<? extends Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }
}
