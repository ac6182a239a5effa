package io.github.passkey4j.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and CRLs made in tests (BouncyCastle), for roots and chains the tests control. */
public final class TestCertificates {

    /** Where test certificates start to be valid. */
    public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    /** Where they end. */
    public static final Instant NOT_AFTER = Instant.parse("2099-01-01T00:00:00Z");

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestCertificates() {
    }

    /** @return a fresh P-256 key pair */
    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param dn the subject, e.g. {@code CN=Test Root}
     * @param keys its key pair
     * @return a self-signed CA certificate
     */
    public static X509Certificate root(String dn, KeyPair keys) {
        return build(dn, keys.getPublic(), new X500Name(dn), keys.getPrivate(), true, null, null);
    }

    /**
     * @param dn the subject
     * @param subjectKey its public key
     * @param ca whether it may issue certificates
     * @param issuer the issuing certificate
     * @param issuerKey the issuer's private key
     * @return the certificate
     */
    public static X509Certificate issue(String dn, PublicKey subjectKey, boolean ca, X509Certificate issuer, PrivateKey issuerKey) {
        return issue(dn, subjectKey, ca, issuer, issuerKey, null, null);
    }

    /**
     * @param dn the subject
     * @param subjectKey its public key
     * @param ca whether it may issue certificates
     * @param issuer the issuing certificate
     * @param issuerKey the issuer's private key
     * @param extensionOid an extra non-critical extension's OID, or null
     * @param extensionValue its value
     * @return the certificate
     */
    public static X509Certificate issue(String dn, PublicKey subjectKey, boolean ca, X509Certificate issuer,
            PrivateKey issuerKey, String extensionOid, ASN1Encodable extensionValue) {
        return build(dn, subjectKey, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey, ca,
                extensionOid, extensionValue);
    }

    /**
     * @param issuer the CA
     * @param issuerKey its private key
     * @param revoked the certificates it revokes
     * @return a CRL valid from {@link #NOT_BEFORE} to {@link #NOT_AFTER}
     */
    public static X509CRL crl(X509Certificate issuer, PrivateKey issuerKey, X509Certificate... revoked) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    Date.from(NOT_BEFORE));
            b.setNextUpdate(Date.from(NOT_AFTER));
            for (X509Certificate r : revoked) {
                b.addCRLEntry(r.getSerialNumber(), Date.from(NOT_BEFORE), CRLReason.keyCompromise);
            }
            X509CRLHolder holder = b.build(signer(issuerKey));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(String dn, PublicKey subjectKey, X500Name issuerDn, PrivateKey issuerKey, boolean ca,
            String extensionOid, ASN1Encodable extensionValue) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerDn,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(NOT_BEFORE), Date.from(NOT_AFTER),
                    new X500Name(dn), subjectKey);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (extensionOid != null) {
                b.addExtension(new ASN1ObjectIdentifier(extensionOid), false, extensionValue);
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuerKey)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA").build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
