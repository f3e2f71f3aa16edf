@NullMarked
package com.acme.saas.auth.mfa;

import org.jspecify.annotations.NullMarked;
