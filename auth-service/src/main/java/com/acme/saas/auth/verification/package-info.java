@NullMarked
package com.acme.saas.auth.verification;

import org.jspecify.annotations.NullMarked;
