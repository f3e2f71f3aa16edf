package com.acme.saas.common.probe;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service made of common-lib alone: what every real service gets by depending on it. */
@SpringBootApplication
public class ProbeApplication {}
