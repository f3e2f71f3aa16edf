@NullMarked
package com.acme.saas.auth.sessions;

import org.jspecify.annotations.NullMarked;
