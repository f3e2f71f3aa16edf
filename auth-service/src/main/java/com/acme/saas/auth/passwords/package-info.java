@NullMarked
package com.acme.saas.auth.passwords;

import org.jspecify.annotations.NullMarked;
