@NullMarked
package com.acme.saas.auth.signing;

import org.jspecify.annotations.NullMarked;
