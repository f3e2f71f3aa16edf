@NullMarked
package com.acme.saas.auth;

import org.jspecify.annotations.NullMarked;
