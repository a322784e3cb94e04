import { render } from 'preact';
import { ResponderApp } from './ResponderApp.js';
import '../styles/responder.css';

render(<ResponderApp />, document.getElementById('app')!);
