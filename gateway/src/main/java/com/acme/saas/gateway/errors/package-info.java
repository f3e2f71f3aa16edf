/** The envelope for every error the gateway answers itself. */
@NullMarked
package com.acme.saas.gateway.errors;

import org.jspecify.annotations.NullMarked;
